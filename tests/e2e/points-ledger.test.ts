/**
 * An honest ledger on two phones: the operator weighs 1.75 kg of bottles at
 * the station (a wrong weight is said under the field as it is typed), and
 * the resident's 积分明细 shows the same grams and points, the station, the
 * masked operator and the balance the entry left; 预约兑换 stays off when the
 * points are short, saying how many are missing.
 */
import { type PointsRules, pointsForWeighIn, WEIGHT_MESSAGES } from '@linli/shared';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api';
import { openExchangeAllDay } from '../support/residents';
import { appUrl, button, newPhone, onPage, POLL, screenshot, signInAs, useBrowser } from './browser';

const browser = useBrowser();
const C = '/v1/communities/chunhui';
const STATION = '春晖党群服务站';
const ACTIVITY = '/packages/points/activities/index';

/** Whether a NutUI button is off (NutUI marks it with a class, Taro's element with an attribute). */
async function isDisabled(b: Locator): Promise<boolean> {
  const cls = (await b.getAttribute('class')) ?? '';
  return cls.includes('disabled') || (await b.getAttribute('disabled')) !== null;
}

describe('an honest ledger', () => {
  let wang: string;
  let rules: PointsRules;
  beforeAll(async () => {
    // 王秀英 starts from 0 points here (an admin's adjustment), so every balance below is known.
    await openExchangeAllDay();
    wang = await signIn('resident-wang');
    const admin = await signIn('admin-chunhui');
    rules = (await call('GET', C, { token: admin })).body.settings.pointsRules;
    const balance = (await call('GET', `${C}/points/me`, { token: wang })).body.balance as number;
    const me = (await call('GET', '/v1/me', { token: wang })).body;
    if (balance > 0) {
      const res = await call('POST', `${C}/points/adjustments`, {
        token: admin,
        idempotencyKey: newKey(),
        body: { userId: me.user.userId, points: -balance, reason: '测试前清零' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it('the operator credits 1.75 kg; the resident sees the same weight, points, station, masked operator and balance after', async () => {
    // Prepare: 刘芳 at the station with 王秀英's member code; the rule's points for 1750 g of bottles
    const points = pointsForWeighIn(rules, [{ material: 'plastic_bottle', grams: 1_750 }]).points;
    const operator = await newPhone(browser());
    await signInAs(operator.page, '刘芳');
    await operator.page.goto(appUrl('/packages/station/credit/index'));
    const credit = await onPage(operator.page, '/packages/station/credit/index');
    await expect.poll(() => credit.getByText(STATION).count(), POLL).toBeGreaterThan(0);
    const code = (await call('GET', `${C}/points/me/code`, { token: wang })).body.code as string;
    await credit.locator('.member-code-input input').fill(code);
    await credit.locator('.chip', { hasText: '塑料瓶' }).first().tap();
    const weight = credit.locator('.weigh-line__kg input');
    const lineError = credit.locator('.weigh-line .field-error');
    const confirm = button(credit, '确认记分');

    // Act 1: wrong weights, as typed: said under the field, and 确认记分 stays off
    await weight.fill('-2');
    await expect.poll(() => lineError.textContent(), POLL).toBe(WEIGHT_MESSAGES.notPositive);
    expect(await isDisabled(confirm)).toBe(true);
    await screenshot(operator.page, 'ledger-weight-negative');
    await weight.fill('250');
    await expect.poll(() => lineError.textContent(), POLL).toBe(WEIGHT_MESSAGES.tooHeavy);
    expect(await isDisabled(confirm)).toBe(true);
    await weight.fill('1.7505');
    await expect.poll(() => lineError.textContent(), POLL).toBe(WEIGHT_MESSAGES.tooPrecise);

    // Act 2: the real weight
    await weight.fill('1.75');
    await expect.poll(() => lineError.count(), POLL).toBe(0);
    await expect.poll(() => credit.getByText('塑料瓶 1.750 公斤').count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText(`按规则可得 ${points} 分`).count(), POLL).toBe(1);
    await expect.poll(() => isDisabled(confirm), POLL).toBe(false);
    await confirm.tap();

    // Assess 1: the receipt, to the gram
    await expect.poll(() => credit.getByText('记分成功').count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText(`塑料瓶 1.750 公斤 · ${points} 分`).count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText(`现有积分：${points} 分`).count(), POLL).toBe(1);
    await screenshot(operator.page, 'ledger-receipt');

    // Assess 2: the resident's 积分明细 says the same, with where, by whom and the balance after
    const resident = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    await resident.page.goto(appUrl('/packages/points/ledger/index'));
    const ledger = await onPage(resident.page, '/packages/points/ledger/index');
    const entry = ledger.locator('.ledger-entry').first();
    await expect
      .poll(() => entry.locator('.ledger-entry__line').textContent(), POLL)
      .toBe(`塑料瓶 1.750 公斤 · ${points} 分`);
    expect(await entry.locator('.ledger-entry__where').textContent()).toBe(`${STATION} · 经办人 刘*`);
    expect(await entry.locator('.ledger-entry__points').textContent()).toBe(`+${points}`);
    expect(await entry.locator('.ledger-entry__balance').textContent()).toBe(`余额 ${points}`);
    await screenshot(resident.page, 'ledger-entry');
    await operator.context.close();
    await resident.context.close();
  });

  it('keeps 预约兑换 off when the points are short, saying how many are missing', async () => {
    // Prepare: 王秀英's balance as it is now
    const balance = (await call('GET', `${C}/points/me`, { token: wang })).body.balance as number;
    const resident = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    await resident.page.goto(appUrl('/packages/points/rewards/index'));
    const shelves = await onPage(resident.page, '/packages/points/rewards/index');
    await expect.poll(() => shelves.getByText('今天是兑换日').count(), POLL).toBe(1);
    await shelves.locator('.chip', { hasText: STATION }).first().tap();

    // Act: a towel (80 分) — more than the balance
    await shelves.locator('.item-pick', { hasText: '毛巾' }).locator('.item-pick__more').tap();
    await expect.poll(() => shelves.locator('.shelves__total').textContent(), POLL).toBe('80');

    // Assess: the shortfall in words, and the button off
    expect(balance).toBeLessThan(80);
    await expect
      .poll(() => shelves.locator('.shelves__short').textContent(), POLL)
      .toBe(`积分不够，还差 ${80 - balance} 分`);
    expect(await isDisabled(button(shelves, '预约兑换'))).toBe(true);
    await screenshot(resident.page, 'ledger-reserve-short');

    // ... and back on when the choice fits the balance again
    await shelves.locator('.item-pick', { hasText: '毛巾' }).locator('.item-pick__less').tap();
    await expect.poll(() => shelves.locator('.shelves__short').count(), POLL).toBe(0);
    await resident.context.close();
  });

  it('a volunteer withdraws a sign-up before the activity, and the place is free again', async () => {
    // Prepare: 王秀英 signed up for 垃圾分类桶边督导 (in five days)
    const resident = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    await resident.page.goto(appUrl(`${ACTIVITY}?activityId=demo-sorting-guide`));
    const detail = await onPage(resident.page, ACTIVITY);
    await button(detail, '我要报名').tap();
    await expect.poll(() => detail.getByText('已报名', { exact: true }).count(), POLL).toBe(1);
    const count = async () =>
      Number(/已报名 (\d+)\//.exec((await detail.locator('.activity').textContent()) ?? '')?.[1]);
    const signedUp = await count();

    // Act: 取消报名, then confirm
    await button(detail, '取消报名').tap();
    await expect.poll(() => detail.getByText(/确定取消报名吗/).count(), POLL).toBe(1);
    await screenshot(resident.page, 'activity-cancel-confirm');
    await button(detail, '确定取消报名').tap();

    // Assess: not signed up any more, one place freed, and 我要报名 is there again
    await expect.poll(() => button(detail, '我要报名').count(), POLL).toBe(1);
    expect(await detail.getByText('已报名', { exact: true }).count()).toBe(0);
    expect(await count()).toBe(signedUp - 1);
    await resident.context.close();
  });
});
