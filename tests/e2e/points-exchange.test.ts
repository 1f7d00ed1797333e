/**
 * Points from the scale to the shelf, on two phones: the operator credits a
 * weigh-in by the member code on the resident's screen, the resident sees the
 * new balance, reserves a reward on exchange day, the operator hands it over
 * by the pickup code; balance and stock agree on both screens.
 */
import { maskName } from '@linli/shared/rules';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api';
import { openAppAs } from '../support/browser-session';
import { newResident, openExchangeAllDay } from '../support/residents';
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

const GARBAGE_BAGS = '垃圾袋（1卷）';
const STATION = '春晖党群服务站';

async function balanceOf(page: Page): Promise<number> {
  const value = visiblePage(page).locator('.points__balance-value');
  await expect.poll(() => value.count(), POLL).toBe(1);
  return Number(await value.textContent());
}

/** "本站还有 N 件" of one reward on the item picker. */
async function stockOf(scope: Locator, reward: string): Promise<number> {
  const line = scope.locator('.item-pick', { hasText: reward }).locator('.item-pick__stock');
  await expect.poll(() => line.count(), POLL).toBe(1);
  const text = (await line.textContent()) ?? '';
  return text.includes('换完') ? 0 : Number(/(\d+)/.exec(text)?.[1]);
}

/** The 16 digits on screen (shown grouped by four), as typed. */
async function codeText(scope: Locator): Promise<string> {
  const text = scope.locator('.points-qr__digits');
  await expect.poll(() => text.count(), POLL).toBe(1);
  return ((await text.textContent()) ?? '').replace(/\s/g, '');
}

describe('points: weigh-in, reservation and handover on exchange day', () => {
  it('an operator credits a weigh-in, the resident reserves a reward, the operator fulfils it; balance and stock agree', async () => {
    // Prepare: the counter open all day; a resident of this file's own (nothing earned today) and the operator (刘芳)
    await openExchangeAllDay();
    const neighbour = await newResident();
    const masked = maskName(neighbour.nickname);
    const resident = await newPhone(browser());
    const operator = await newPhone(browser());
    await openAppAs(resident.page, neighbour);
    await signInAs(operator.page, '刘芳');
    await tapTab(resident.page, '积分');
    const before = await balanceOf(resident.page);
    expect(before).toBe(0);
    await screenshot(resident.page, 'points-tab');

    // Act 1: the resident shows the member code, the operator reads it and weighs 1.5 kg of bottles (20 分/公斤)
    await button(visiblePage(resident.page), '出示积分码').tap();
    const codePage = await onPage(resident.page, '/packages/points/code/index');
    const memberCode = await codeText(codePage);
    expect(memberCode).toMatch(/^7\d{15}$/);
    await expect.poll(() => codePage.locator('.points-qr__image img, img.points-qr__image').count(), POLL).toBe(1);
    await expect.poll(() => codePage.getByText(/秒后自动刷新/).count(), POLL).toBe(1);
    await screenshot(resident.page, 'points-member-code');

    await operator.page.goto(appUrl('/packages/station/credit/index'));
    const credit = await onPage(operator.page, '/packages/station/credit/index');
    await expect.poll(() => credit.getByText(STATION).count(), POLL).toBeGreaterThan(0);
    await credit.locator('.member-code-input input').fill(memberCode);
    await credit.locator('.chip', { hasText: '塑料瓶' }).first().tap();
    await credit.locator('.weigh-line__kg input').fill('1.5');
    await expect.poll(() => credit.getByText('按规则可得 30 分').count(), POLL).toBe(1);
    await screenshot(operator.page, 'points-credit-preview');
    await button(credit, '确认记分').tap();

    // Assess 1: the operator sees the masked name, the points and the new balance
    await expect.poll(() => credit.getByText('记分成功').count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText(`居民：${masked}`).count(), POLL).toBe(1);
    const creditedText = (await credit.locator('.credit-result__points').textContent()) ?? '';
    const credited = Number(/(\d+)/.exec(creditedText)?.[1]);
    expect(credited).toBe(30);
    const afterCredit = before + credited;
    await expect.poll(() => credit.getByText(`现有积分：${afterCredit} 分`).count(), POLL).toBe(1);
    await screenshot(operator.page, 'points-credit-done');

    // ... and the resident sees it on the 积分 tab
    await resident.page.goBack();
    await onPage(resident.page, '/pages/points/index');
    await expect.poll(() => balanceOf(resident.page), POLL).toBe(afterCredit);

    // Act 2: on exchange day the resident reserves one roll of garbage bags at the centre
    await cell(visiblePage(resident.page), '兑换物品').tap();
    const shelves = await onPage(resident.page, '/packages/points/rewards/index');
    await expect.poll(() => shelves.getByText('今天是兑换日').count(), POLL).toBe(1);
    await shelves.locator('.chip', { hasText: STATION }).first().tap();
    const stockBefore = await stockOf(shelves, GARBAGE_BAGS);
    expect(stockBefore).toBeGreaterThan(0);
    await shelves.locator('.item-pick', { hasText: GARBAGE_BAGS }).locator('.item-pick__more').tap();
    await expect.poll(() => shelves.locator('.shelves__total').textContent(), POLL).toBe('20');
    await button(shelves, '预约兑换').tap();
    await expect.poll(() => shelves.getByText('预约成功').count(), POLL).toBe(1);
    const pickupCode = await codeText(shelves);
    await screenshot(resident.page, 'points-reserved');

    // Act 3: the operator sees it waiting among the station's reservations, then fulfils it by the pickup code
    await operator.page.goto(appUrl('/packages/station/fulfil/index'));
    const fulfil = await onPage(operator.page, '/packages/station/fulfil/index');
    const waiting = fulfil.locator('.waiting__item', { hasText: masked }).filter({ hasText: GARBAGE_BAGS });
    await expect.poll(() => waiting.count(), POLL).toBeGreaterThan(0);
    await expect.poll(() => fulfil.locator('.waiting__totals').textContent(), POLL).toContain(`${GARBAGE_BAGS} × `);
    await screenshot(operator.page, 'points-waiting');
    await fulfil.locator('.pickup-code-input input').fill(pickupCode);
    await button(fulfil, '核销并发放').tap();

    // Assess 3: handed over; the resident's record, balance and the station's stock agree
    await expect.poll(() => fulfil.getByText('已核销').count(), POLL).toBe(1);
    await expect.poll(() => fulfil.getByText(`${GARBAGE_BAGS} × 1`).count(), POLL).toBe(1);
    await expect.poll(() => fulfil.getByText(`居民：${masked}`).count(), POLL).toBe(1);
    await screenshot(operator.page, 'points-fulfilled');

    await button(shelves, '查看我的兑换').tap();
    const mine = await onPage(resident.page, '/packages/points/redemptions/index');
    await expect.poll(() => mine.getByText(`已领取 · ${STATION}`).count(), POLL).toBeGreaterThan(0);
    await screenshot(resident.page, 'points-my-redemptions');

    await resident.page.goto(appUrl('/pages/points/index'));
    await expect.poll(() => balanceOf(resident.page), POLL).toBe(afterCredit - 20);
    await cell(visiblePage(resident.page), '兑换物品').tap();
    const shelvesAfter = await onPage(resident.page, '/packages/points/rewards/index');
    await shelvesAfter.locator('.chip', { hasText: STATION }).first().tap();
    await expect.poll(() => stockOf(shelvesAfter, GARBAGE_BAGS), POLL).toBe(stockBefore - 1);
    await screenshot(resident.page, 'points-balance-after');

    await operator.page.goto(appUrl('/packages/station/counter/index'));
    const counter = await onPage(operator.page, '/packages/station/counter/index');
    await expect.poll(() => stockOf(counter, GARBAGE_BAGS), POLL).toBe(stockBefore - 1);
    await screenshot(operator.page, 'points-counter-stock');

    await resident.context.close();
    await operator.context.close();
  });

  it('a resident cancels a reservation: the points come back and the goods go back on the shelf', async () => {
    // Prepare: 1 kg of cans credited (30 分) and one towel reserved at 翠竹园, through the API
    await openExchangeAllDay();
    const li = await signIn('resident-li');
    const liu = await signIn('operator-liu');
    const code = await call('GET', '/v1/communities/chunhui/points/me/code', { token: li });
    const credited = await call('POST', '/v1/communities/chunhui/points/credits', {
      token: liu,
      idempotencyKey: newKey(),
      body: {
        memberCode: code.body.code,
        stationId: 'chunhui-center',
        lines: [{ material: 'metal_can', grams: 1000 }],
      },
    });
    expect(credited.status).toBe(201);
    const stockOfBags = async () =>
      (await call('GET', '/v1/communities/chunhui/rewards', { token: li })).body.items
        .find((r: { rewardId: string }) => r.rewardId === 'garbage-bags')
        .stock.find((s: { stationId: string }) => s.stationId === 'cuizhu-point').quantity as number;
    const shelfBefore = await stockOfBags();
    const reserved = await call('POST', '/v1/communities/chunhui/redemptions', {
      token: li,
      idempotencyKey: newKey(),
      body: { stationId: 'cuizhu-point', items: [{ rewardId: 'garbage-bags', quantity: 1 }] },
    });
    expect(reserved.status).toBe(201);
    expect(await stockOfBags()).toBe(shelfBefore - 1);
    const resident = await newPhone(browser());
    await signInAs(resident.page, '李建国');
    await tapTab(resident.page, '积分');
    const balanceReserved = await balanceOf(resident.page);

    // Act
    await cell(visiblePage(resident.page), '我的兑换').tap();
    const mine = await onPage(resident.page, '/packages/points/redemptions/index');
    const card = mine.locator('.section', { hasText: '待领取 · 翠竹园分类兑换点' }).first();
    await button(card, '出示领取码').tap();
    await expect.poll(() => card.locator('.points-qr__digits').count(), POLL).toBe(1);
    await screenshot(resident.page, 'points-pickup-code');
    await button(card, '取消预约').tap();
    await resident.page.locator('.taro__modal .taro-model__confirm').tap();

    // Assess: cancelled on screen, 20 分 back, the roll back on the shelf
    await expect.poll(() => mine.getByText('已取消 · 翠竹园分类兑换点').count(), POLL).toBeGreaterThan(0);
    await expect.poll(() => mine.getByText(/积分已退回/).count(), POLL).toBeGreaterThan(0);
    await screenshot(resident.page, 'points-cancelled');
    expect(await stockOfBags()).toBe(shelfBefore);
    await resident.page.goto(appUrl('/pages/points/index'));
    await expect.poll(() => balanceOf(resident.page), POLL).toBe(balanceReserved + 20);
    await resident.context.close();
  });
});
