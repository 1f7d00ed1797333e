/**
 * An admin changes the community's settings in the browser: a wrong value is
 * said under its field and nothing is saved; a right one is saved as a new
 * version that the API then serves. (The values saved are the ones already in
 * force, so the other browser tests on this stack keep their rules.)
 */
import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
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
const SETTINGS = '/packages/admin/settings/index';

const settingsNow = async () =>
  (await call('GET', '/v1/communities/chunhui', { token: await signIn('admin-chunhui') })).body.settings;

describe('community settings', () => {
  it('an admin is told what is wrong under the field, then saves the service deadlines as a new version', async () => {
    // Prepare
    const before = await settingsNow();
    const phone = await newPhone(browser());
    await signInAs(phone.page, '赵建华');
    await tapTab(phone.page, '我的');
    await cell(visiblePage(phone.page), '工作台').tap();
    await button(visiblePage(phone.page).locator('.duty', { hasText: '社区设置' }), '去办理').tap();
    const page = await onPage(phone.page, SETTINGS);
    const sla = page.locator('.section', { hasText: '服务时限' });
    const field = (scope: typeof sla, label: string) => scope.locator('.field', { hasText: label });
    await expect
      .poll(() => field(sla, '中修').locator('input').inputValue(), POLL)
      .toBe(String(before.sla.repairDays.medium));

    // Act 1: 中修 shorter than 小修
    await field(sla, '中修').locator('input').fill('0');
    await button(sla, '保存服务时限').tap();

    // Assess 1: said under 中修; nothing saved
    await expect.poll(() => field(sla, '中修').locator('.field-error').textContent(), POLL).toContain('不能小于 1');
    await screenshot(phone.page, 'settings-error');
    expect((await settingsNow()).version).toBe(before.version);

    // Act 2: the exchange day closing before it opens is refused under 结束时间
    const exchange = page.locator('.section', { hasText: '积分兑换日' });
    await field(exchange, '结束时间').locator('input').fill('00:00');
    await button(exchange, '保存兑换日').tap();
    await expect.poll(() => field(exchange, '结束时间').locator('.field-error').textContent(), POLL).toBeTruthy();
    expect((await settingsNow()).version).toBe(before.version);

    // Act 3: the deadlines as they were, saved
    await field(sla, '中修').locator('input').fill(String(before.sla.repairDays.medium));
    await button(sla, '保存服务时限').tap();

    // Assess 3: a new version, served by the API, shown on the page
    await expect.poll(async () => (await settingsNow()).version, POLL).toBe(before.version + 1);
    await expect.poll(() => page.getByText(`第 ${before.version + 1} 版设置`, { exact: false }).count(), POLL).toBe(1);
    expect((await settingsNow()).sla).toEqual(before.sla);
    await screenshot(phone.page, 'settings-saved');
    await phone.context.close();
  });

  it('an admin adds a report category residents then choose from, and takes it away again by disabling it', async () => {
    // Prepare
    const label = `充电桩${Date.now() % 1000}`;
    const admin = await newPhone(browser());
    await signInAs(admin.page, '赵建华');
    await admin.page.goto(appUrl(SETTINGS));
    const page = await onPage(admin.page, SETTINGS);
    const form = page.locator('.section', { hasText: '意见箱类别和回复模板' });
    const saved = async () => (await settingsNow()).feedback.categories as { label: string; enabled: boolean }[];

    // Act 1: a new category, routine, not a repair
    await button(form, '添加类别').tap();
    // The new one is the last category (the rows after it are reply templates).
    const row = form.locator('.settings-row', { hasText: /类别 \d+/ }).last();
    await row.locator('input').first().fill(label);
    await button(form, '保存类别和模板').tap();

    // Assess 1: stored, and a resident finds it on 我要反映
    await expect.poll(async () => (await saved()).find((c) => c.label === label)?.enabled, POLL).toBe(true);
    const resident = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    await resident.page.goto(appUrl('/packages/feedback/submit/index?communityId=chunhui'));
    const submit = await onPage(resident.page, '/packages/feedback/submit/index');
    await expect.poll(() => submit.locator('.chip', { hasText: label }).count(), POLL).toBe(1);
    await screenshot(resident.page, 'settings-new-category');

    // Act 2: disable it
    await row.locator('.chip', { hasText: '停用' }).tap();
    await button(form, '保存类别和模板').tap();

    // Assess 2: kept, but off; a resident no longer sees it
    await expect.poll(async () => (await saved()).find((c) => c.label === label)?.enabled, POLL).toBe(false);
    const later = await newPhone(browser());
    await signInAs(later.page, '王秀英');
    await later.page.goto(appUrl('/packages/feedback/submit/index?communityId=chunhui'));
    const again = await onPage(later.page, '/packages/feedback/submit/index');
    await expect.poll(() => again.locator('.chip', { hasText: '下水堵塞' }).count(), POLL).toBe(1);
    expect(await again.locator('.chip', { hasText: label }).count()).toBe(0);
    for (const phone of [admin, resident, later]) await phone.context.close();
  });
});
