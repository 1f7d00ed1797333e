/**
 * The admin's points tools in the browser: goods in at a station with a
 * reason (the error sits under the field the server named), the change log,
 * a held weigh-in approved into the resident's balance, and a balance
 * adjusted for a resident found by building and room.
 */
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api';
import { newResident } from '../support/residents';
import { appUrl, button, newPhone, onPage, POLL, screenshot, signInAs, useBrowser } from './browser';
import { choosePhoto } from './feedback-helpers';

const browser = useBrowser();

describe('points admin: stock and held weigh-ins', () => {
  it('an admin books goods in with a reason; a reason too short is said under the reason field', async () => {
    // Prepare
    const admin = await newPhone(browser());
    await signInAs(admin.page, '赵建华');
    await admin.page.goto(appUrl('/packages/points-admin/rewards/index'));
    const page = await onPage(admin.page, '/packages/points-admin/rewards/index');
    const towel = page.locator('.pa-item', { hasText: '毛巾' }).first();
    await expect.poll(() => towel.count(), POLL).toBe(1);
    const line = towel.locator('.pa-item__line', { hasText: '春晖党群服务站' }).first();
    const before = Number(/(\d+) 件/.exec((await line.textContent()) ?? '')?.[1]);

    // Act 1: a one-character reason
    await button(towel, '入库 / 出库').tap();
    await towel.locator('.chip', { hasText: '春晖党群服务站' }).first().tap();
    const delta = towel.locator('.field', { hasText: '数量' }).locator('input');
    const reason = towel.locator('.field', { hasText: '原因' }).locator('input');
    await delta.fill('5');
    await reason.fill('到');
    await button(towel, '确认库存变动').tap();

    // Assess 1: the message is under the reason field
    const reasonError = towel.locator('.field', { hasText: '原因' }).locator('.field-error');
    await expect.poll(() => reasonError.textContent(), POLL).toContain('至少 2 个字');
    await screenshot(admin.page, 'points-admin-stock-error');

    // Act 2
    await reason.fill('新到货');
    await button(towel, '确认库存变动').tap();

    // Assess 2: stock up by 5 and the change logged with who and why
    await expect.poll(() => towel.getByText(/\+5 件，新到货（赵建华）/).count(), POLL).toBeGreaterThan(0);
    await expect
      .poll(async () => Number(/(\d+) 件/.exec((await line.textContent()) ?? '')?.[1]), POLL)
      .toBe(before + 5);
    await screenshot(admin.page, 'points-admin-stock');
    await admin.context.close();
  });

  it('a weigh-in over the line limit is held, and the admin approves it into the balance', async () => {
    // Prepare: 60 kg of cardboard (the limit is 50 kg a line) for 李建国
    const li = await signIn('resident-li');
    const code = await call('GET', '/v1/communities/chunhui/points/me/code', { token: li });
    const held = await call('POST', '/v1/communities/chunhui/points/credits', {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: {
        memberCode: code.body.code,
        stationId: 'chunhui-center',
        lines: [{ material: 'cardboard', grams: 60_000 }],
      },
    });
    expect(held.body.status).toBe('held');
    const balanceBefore = (await call('GET', '/v1/communities/chunhui/points/me', { token: li })).body
      .balance as number;
    const admin = await newPhone(browser());
    await signInAs(admin.page, '赵建华');

    // Act
    await admin.page.goto(appUrl('/packages/points-admin/held/index'));
    const page = await onPage(admin.page, '/packages/points-admin/held/index');
    const item = page.locator('.pa-item', { hasText: '60 公斤' }).first();
    await expect.poll(() => item.count(), POLL).toBe(1);
    await screenshot(admin.page, 'points-admin-held');
    await button(item, '通过并记分').tap();

    // Assess
    await expect.poll(() => item.getByText(/已通过/).count(), POLL).toBeGreaterThan(0);
    const after = (await call('GET', '/v1/communities/chunhui/points/me', { token: li })).body.balance as number;
    expect(after).toBeGreaterThan(balanceBefore);
    await admin.context.close();
  });

  it('an admin finds a resident by building and room and adjusts their balance with a reason', async () => {
    // Prepare: a new resident of 春晖苑 2幢, and where they live
    const resident = await newResident('chy-b2');
    const admin = await signIn('admin-chunhui');
    const homes = await call('GET', '/v1/communities/chunhui/households?status=approved&buildingId=chy-b2&limit=100', {
      token: admin,
    });
    const home = homes.body.items.find((h: { userId: string }) => h.userId === resident.userId);
    const phone = await newPhone(browser());
    await signInAs(phone.page, '赵建华');

    // Act: 春晖苑 → 2幢 → the home, +20 for a missed weigh-in
    await phone.page.goto(appUrl('/packages/points-admin/adjust/index'));
    const page = await onPage(phone.page, '/packages/points-admin/adjust/index');
    await page.locator('.chip', { hasText: '春晖苑' }).first().tap();
    await page.locator('.chip', { hasText: /^2幢/ }).first().tap();
    const row = page.locator('.pa-resident__home', { hasText: `1单元 ${home.room}` });
    await expect.poll(() => row.count(), POLL).toBe(1);
    await row.tap();
    await expect.poll(() => page.locator('.pa-resident__chosen').textContent(), POLL).toContain(home.address);
    await page.locator('.field', { hasText: '积分' }).locator('input').fill('20');
    await page.locator('.field', { hasText: '原因' }).locator('input').fill('补记 11 月 3 日称重');
    await button(page, '确认调整').tap();

    // Assess: the screen says so, and the resident's balance and ledger agree
    await expect
      .poll(() => page.locator('.pa-adjust__done').textContent(), POLL)
      .toContain('已调整 +20 分，现有 20 分');
    await screenshot(phone.page, 'points-admin-adjust');
    const mine = await call('GET', '/v1/communities/chunhui/points/me/ledger', { token: resident.token });
    expect(mine.body.items[0]).toMatchObject({ type: 'adjust', points: 20 });
    expect(mine.body.items[0].note).toContain('补记 11 月 3 日称重');
    await phone.context.close();
  });

  it('an admin adds a reward with a picture, changes its cost, and takes it off the shelf keeping the picture', async () => {
    // Prepare
    const name = `环保袋${Date.now() % 10_000}`;
    const phone = await newPhone(browser());
    await signInAs(phone.page, '赵建华');
    await phone.page.goto(appUrl('/packages/points-admin/rewards/index'));
    const page = await onPage(phone.page, '/packages/points-admin/rewards/index');

    // Act 1: a new reward with its picture
    const form = page.locator('.section', { hasText: '新增兑换品' });
    await form.locator('.field', { hasText: '名称' }).locator('input').fill(name);
    await form.locator('.field', { hasText: '所需积分' }).locator('input').fill('30');
    await choosePhoto(phone.page, button(form, '选择图片'), 'bag.png');
    await expect.poll(() => form.locator('.reward-form__image').count(), POLL).toBe(1);
    await button(form, '新增').tap();
    const item = page.locator('.pa-item', { hasText: name });
    await expect.poll(() => item.count(), POLL).toBe(1);

    // Act 2: change the cost to 25
    await button(item, '修改').tap();
    await item.locator('.field', { hasText: '所需积分' }).locator('input').fill('25');
    await button(item, '保存修改').tap();
    await expect.poll(() => item.locator('.pa-item__line').first().textContent(), POLL).toContain('25 分');

    // Act 3: off the shelf
    await button(item, '下架').tap();
    await expect.poll(() => item.locator('.pa-item__title').textContent(), POLL).toContain('（已下架）');
    await screenshot(phone.page, 'points-admin-reward-edited');

    // Assess: the catalog has the new cost, inactive, with its picture still there
    const all = await call('GET', '/v1/communities/chunhui/rewards/all', { token: await signIn('admin-chunhui') });
    const stored = all.body.items.find((r: { name: string }) => r.name === name);
    expect(stored).toMatchObject({ pointsCost: 25, active: false });
    expect(stored.imageKey).toMatch(/^photos\/chunhui\/reward\//);
    expect(await item.locator('.reward-head__image').count()).toBe(1);
    await phone.context.close();
  });
});
