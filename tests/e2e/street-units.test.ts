/**
 * 单位管理 in the H5 build: the street admin, at a desk, adds a school that
 * serves 春晖 and gives its staff a code, sees it among the codes still good,
 * and revokes (撤销) a second one that went astray; a teacher who has just signed in
 * with WeChat types it under 我的 → 加入单位 and lands on 单位工作台. The file
 * names its own unit and signs in its own person, so what it finds is its own.
 */
import { describe, expect, it } from 'vitest';
import { call, signInNewWechatUser } from '../support/api';
import { openAppAs } from '../support/browser-session';
import { button, cell, newPhone, onPage, POLL, screenshot, signInAs, tapTab, useBrowser, visiblePage } from './browser';

const browser = useBrowser();

describe('the street adds a unit and its staff join it', () => {
  it('from 单位管理 at a desk to 加入单位 on a phone', async () => {
    const name = `长河二小${Date.now().toString(36).slice(-4)}`;
    const context = await browser().newContext({
      viewport: { width: 1280, height: 800 },
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const desk = await context.newPage();
    desk.setDefaultTimeout(15_000);
    await signInAs(desk, '钱志远');
    await visiblePage(desk).locator('.side-nav__item', { hasText: '单位管理' }).click();
    const page = await onPage(desk, '/packages/street/units/index');
    await button(page, '新增单位').click();
    await page.locator('.field', { hasText: '单位名称' }).locator('input').fill(name);
    await page.getByText('学校', { exact: true }).click();
    await page.getByText('春晖社区', { exact: true }).click();
    await button(page, '保存').click();
    const card = page.locator('.unit-card', { hasText: name });
    await expect.poll(() => card.count(), POLL).toBe(1);
    expect(await card.textContent()).toContain('服务：春晖社区');
    // No code yet: the list of codes still good says so
    await button(card, '邀请码').click();
    await expect.poll(async () => (await card.textContent()) ?? '', POLL).toContain('没有有效的邀请码');
    await button(card, '邀请成员').click();
    const shown = card.locator('.unit-card__code');
    await expect.poll(() => shown.count(), POLL).toBe(1);
    const code = ((await shown.textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{4} [A-Z0-9]{4}$/);
    const open = card.locator('.unit-card__open');
    await expect.poll(() => open.count(), POLL).toBe(1);
    expect(((await open.locator('.unit-card__open-code').textContent()) ?? '').trim()).toBe(code);
    expect(await open.textContent()).toContain('钱志远');
    expect(await open.textContent()).toContain('已使用 0 次');

    // A second code, sent to the wrong group: newest first, then revoked after the question
    await button(card, '邀请成员').click();
    await expect.poll(() => open.count(), POLL).toBe(2);
    const leaked = ((await shown.textContent()) ?? '').trim();
    expect(leaked).not.toBe(code);
    expect(((await open.first().locator('.unit-card__open-code').textContent()) ?? '').trim()).toBe(leaked);
    await screenshot(desk, 'street-units');
    await button(open.first(), '撤销').click();
    const modal = desk.locator('.taro__modal', { hasText: '撤销邀请码' });
    await expect.poll(() => modal.count(), POLL).toBe(1);
    expect(await modal.textContent()).toContain(leaked);
    await modal.locator('.taro-model__confirm').click();
    await expect.poll(() => open.count(), POLL).toBe(1);
    expect(((await open.locator('.unit-card__open-code').textContent()) ?? '').trim()).toBe(code);
    expect(await shown.count(), 'the revoked code is no longer shown as the new one').toBe(0);
    await context.close();
    // Whoever got the revoked code is refused as with an unknown one
    const stranger = await signInNewWechatUser();
    const refused = await call('POST', '/v1/me/units', {
      token: stranger.token,
      body: { code: leaked.replace(' ', '') },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('UNIT_INVITE_INVALID');

    const person = await signInNewWechatUser();
    const phone = await newPhone(browser());
    await openAppAs(phone.page, person);
    await tapTab(phone.page, '我的');
    await cell(visiblePage(phone.page), '加入单位').tap();
    const join = await onPage(phone.page, '/packages/staff/join/index');
    await join.locator('.field', { hasText: '邀请码' }).locator('input').fill(code.toLowerCase());
    await button(join, '加入').tap();
    const unit = await onPage(phone.page, '/packages/staff/unit/index');
    await expect.poll(async () => (await unit.textContent()) ?? '', POLL).toContain(name);
    expect(await unit.textContent()).toContain('学校 · 服务 春晖社区');
    await phone.context.close();
  });
});
