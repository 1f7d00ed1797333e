/**
 * An admin changes the community's settings in the browser: a wrong value is
 * said under its field and nothing is saved; a right one is saved as a new
 * version that the API then serves. (The values saved are the ones already in
 * force, so the other browser tests on this stack keep their rules.)
 */
import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
import { button, cell, newPhone, onPage, POLL, screenshot, signInAs, tapTab, useBrowser, visiblePage } from './browser';

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
});
