/**
 * A map pin on a report, through the H5 build: a resident reports a street
 * light on the road, outside every building, marks the spot by typing its
 * coordinates (the browser build's way, which works offline) after a wrong
 * one is refused, and files it; the grid worker sees the point on the report.
 * The device's own position fills it in too, when the person allows it.
 */
import { describe, expect, it } from 'vitest';
import { appUrl, button, newPhone, onPage, POLL, screenshot, signInAs, useBrowser, visiblePage } from './browser';
import { reportIdOf } from './feedback-helpers';

const browser = useBrowser();

describe('a point on the map', () => {
  it('a resident types the coordinates of a broken street light, and the grid worker sees them on the report', async () => {
    // Prepare
    const description = `春晖苑东门外路灯不亮（${Date.now().toString(36)}）`;
    const resident = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    await resident.page.goto(appUrl('/packages/feedback/submit/index?communityId=chunhui'));
    const form = await onPage(resident.page, '/packages/feedback/submit/index');
    await form.getByText('路灯照明', { exact: true }).tap();
    await form.locator('textarea').fill(description);
    await form.locator('.location-picker__buildings').getByText('不在楼里', { exact: true }).tap();
    const pin = form.locator('.map-point');
    await button(pin, '手动填写坐标').tap();

    // Act: a latitude past the pole first
    await pin.locator('.map-point__input input').nth(0).fill('95');
    await pin.locator('.map-point__input input').nth(1).fill('120.15515');
    await button(pin, '确定坐标').tap();

    // Assess: refused, said under the pin, nothing marked
    await expect.poll(() => pin.locator('.field-error').textContent(), POLL).toContain('纬度须在 -90 到 90 之间');
    expect(await pin.textContent()).not.toContain('已标出');

    // Act: the right one, then file the report
    await pin.locator('.map-point__input input').nth(0).fill('30.27415');
    await button(pin, '确定坐标').tap();
    await expect.poll(() => pin.textContent(), POLL).toContain('已标出：纬度 30.27415，经度 120.15515');
    expect(await pin.locator('.field-error').count()).toBe(0);
    await pin.scrollIntoViewIfNeeded();
    await screenshot(resident.page, 'feedback-map-point');
    await button(form, '提交反映').tap();

    // Assess: the resident's report has the point, and so does the grid worker's view of it
    const mine = await onPage(resident.page, '/packages/feedback/detail/index');
    const row = (scope: typeof mine) => scope.locator('.row[data-row="地图位置"]');
    await expect.poll(() => row(mine).textContent(), POLL).toContain('纬度 30.27415，经度 120.15515');
    const reportId = await reportIdOf(resident.page);
    await resident.context.close();
    const grid = await newPhone(browser());
    await signInAs(grid.page, '张丽');
    await grid.page.goto(appUrl(`/packages/feedback/detail/index?communityId=chunhui&reportId=${reportId}`));
    const report = await onPage(grid.page, '/packages/feedback/detail/index');
    await expect.poll(() => row(report).textContent(), POLL).toContain('纬度 30.27415，经度 120.15515');
    expect(await visiblePage(grid.page).locator('.report-summary').textContent()).toContain(description);
    await screenshot(grid.page, 'feedback-map-point-staff');
    await grid.context.close();
  });

  it('takes the device’s position when the person allows it', async () => {
    // Prepare: a phone standing at the east gate, that allows the page its position
    const { page, context } = await newPhone(browser());
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: 30.2745123, longitude: 120.1559876 });
    await signInAs(page, '王秀英');
    await page.goto(appUrl('/packages/feedback/submit/index?communityId=chunhui'));
    const pin = (await onPage(page, '/packages/feedback/submit/index')).locator('.map-point');

    // Act
    await button(pin, '使用当前位置').tap();

    // Assess: rounded to six decimals, and can be taken away again
    await expect.poll(() => pin.textContent(), POLL).toContain('已标出：纬度 30.274512，经度 120.155988');
    await button(pin, '清除').tap();
    await expect.poll(() => pin.textContent(), POLL).not.toContain('已标出');
    await context.close();
  });
});
