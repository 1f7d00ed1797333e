/**
 * 部门报到 volunteer posts in the H5 build: 马强 of 长河街道城管中队 publishes
 * a 治安巡逻 post in 春晖社区 from 单位工作台 (a quick title, the community
 * from the unit's service area), and finds it among the unit's posts with its
 * sign-up list; 王秀英, a resident there, sees it in 志愿活动 with the unit's
 * name and signs up. The post's place carries this run's tag, so what the
 * file looks for is its own.
 */
import { shanghaiDate } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import {
  appUrl,
  button,
  cell,
  newPhone,
  onPage,
  POLL,
  screenshot,
  signInAs,
  tapTab,
  useBrowser,
  visiblePage,
} from './browser';

const browser = useBrowser();
const UNIT = '/packages/staff/unit/index';
const ACTIVITY = '/packages/points/activities/index';

describe('a unit publishes a volunteer post and a resident signs up', () => {
  it('from 单位工作台 on a phone to the resident’s 志愿活动', async () => {
    // Prepare: tomorrow morning (Shanghai), at a place of this run's own.
    const place = `春晖苑东门 ${Date.now().toString(36)}`;
    const tomorrow = shanghaiDate(new Date(Date.now() + 24 * 3_600_000));
    const unit = await newPhone(browser());
    await signInAs(unit.page, '马强');
    await tapTab(unit.page, '我的');
    await cell(await onPage(unit.page, '/pages/mine/index'), '单位工作台').tap();
    const desk = await onPage(unit.page, UNIT);

    // Act: 发布志愿岗位 → 春晖社区, 治安巡逻, tomorrow 07:00–08:30 at the place, 15 points.
    await button(desk, '发布志愿岗位').tap();
    const form = desk.locator('.section', { hasText: '发布志愿岗位' });
    await form.locator('.chip', { hasText: '春晖社区' }).tap();
    await form.locator('.chip', { hasText: '治安巡逻' }).tap();
    const field = (label: string) => form.locator('.field', { hasText: label }).locator('input');
    await expect.poll(() => field('活动名称').inputValue(), POLL).toBe('治安巡逻');
    await field('活动说明').fill('沿小区外围巡逻，提醒居民锁好电动车');
    await field('日期').fill(tomorrow);
    await field('开始时间').fill('07:00');
    await field('结束时间').fill('08:30');
    await field('地点').fill(place);
    await field('每人积分').fill('15');
    await field('名额').fill('6');
    await screenshot(unit.page, 'unit-volunteer-post-form');
    await button(form, '发布').first().tap();

    // Assess: the post is among the unit's, and its organiser tools open (nobody has signed up yet).
    const post = desk.locator('.section', { hasText: place });
    await expect.poll(() => post.count(), POLL).toBe(1);
    expect(await post.textContent()).toContain('治安巡逻');
    expect(await post.textContent()).toContain('春晖社区');
    await button(post, '签到码和确认参加').tap();
    await expect.poll(() => desk.getByText('还没有人报名。').count(), POLL).toBe(1);
    await screenshot(unit.page, 'unit-volunteer-posts');

    // The resident: 志愿活动 lists it with the unit's name; they sign up.
    const resident = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    await resident.page.goto(appUrl(ACTIVITY));
    const list = await onPage(resident.page, ACTIVITY);
    const card = list.locator('.section', { hasText: place });
    await expect.poll(() => card.count(), POLL).toBe(1);
    expect(await card.textContent()).toContain('长河街道城管中队 发布');
    expect(await card.textContent()).toContain('组织者：马强');
    await button(card, '查看和报名').tap();
    const detail = visiblePage(resident.page);
    await expect.poll(() => button(detail, '我要报名').count(), POLL).toBe(1);
    await button(detail, '我要报名').tap();
    await expect.poll(() => detail.getByText('已报名', { exact: true }).count(), POLL).toBe(1);
    await screenshot(resident.page, 'unit-volunteer-signed-up');

    // Back on 单位工作台, the unit's list of sign-ups has her.
    await unit.page.reload();
    const again = await onPage(unit.page, UNIT);
    const reloaded = again.locator('.section', { hasText: place });
    await expect.poll(() => reloaded.count(), POLL).toBe(1);
    await button(reloaded, '签到码和确认参加').tap();
    await expect.poll(() => again.locator('.signup', { hasText: '王秀英' }).count(), POLL).toBe(1);
    await unit.context.close();
    await resident.context.close();
  });
});
