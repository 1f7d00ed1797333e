/**
 * Volunteer activities from a link (`?activityId=`, as bulletins link them):
 * a resident signs up, the organiser sees them in the sign-up list.
 */
import { describe, expect, it } from 'vitest';
import { appUrl, button, newPhone, onPage, POLL, screenshot, signInAs, useBrowser } from './browser';

const browser = useBrowser();
const ACTIVITY = '/packages/points/activities/index';

describe('volunteer activities', () => {
  it('a resident signs up from a link to the activity, and the organiser sees them', async () => {
    // Prepare: 楼道清洁日 in two days, run by 张丽
    const resident = await newPhone(browser());
    const organiser = await newPhone(browser());
    await signInAs(resident.page, '李建国');
    await signInAs(organiser.page, '张丽');

    // Act
    await resident.page.goto(appUrl(`${ACTIVITY}?activityId=demo-stairwell-clean`));
    const detail = await onPage(resident.page, ACTIVITY);
    await expect.poll(() => detail.getByText('楼道清洁日').count(), POLL).toBeGreaterThan(0);
    await button(detail, '我要报名').tap();

    // Assess: signed up on the resident's screen, listed on the organiser's
    await expect.poll(() => detail.getByText('已报名', { exact: true }).count(), POLL).toBe(1);
    await screenshot(resident.page, 'points-activity-signed-up');
    await organiser.page.goto(appUrl(`${ACTIVITY}?activityId=demo-stairwell-clean`));
    const tools = await onPage(organiser.page, ACTIVITY);
    await expect.poll(() => tools.getByText('报名和签到').count(), POLL).toBe(1);
    await expect.poll(() => tools.locator('.signup', { hasText: '李建国' }).count(), POLL).toBe(1);
    await screenshot(organiser.page, 'points-activity-organiser');
    await resident.context.close();
    await organiser.context.close();
  });
});
