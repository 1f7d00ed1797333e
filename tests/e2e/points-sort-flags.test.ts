/**
 * Sort-quality flags in the H5 build: the operator weighs a new resident's
 * delivery, ticks 分类不合格 and credits it (the receipt says it was noted);
 * the admin's 积分统计 shows the building's figure. The resident lives in
 * 翠竹园 4幢, where no other browser test weighs, so the figure is exact.
 */
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api';
import { newResident } from '../support/residents';
import { appUrl, button, newPhone, onPage, POLL, screenshot, signInAs, useBrowser } from './browser';

const browser = useBrowser();
const C = '/v1/communities/chunhui';

describe('a badly sorted delivery', () => {
  it('is flagged at the scale, still credited, and counted for its building in the admin’s figures', async () => {
    // Prepare: a new resident of 翠竹园 4幢 who already weighed once today, unflagged
    const resident = await newResident('czy-b4', 'cuizhu-yuan');
    const codeOf = async () =>
      (await call('GET', `${C}/points/me/code`, { token: resident.token })).body.code as string;
    const plain = await call('POST', `${C}/points/credits`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: {
        memberCode: await codeOf(),
        stationId: 'chunhui-center',
        lines: [{ material: 'cardboard', grams: 1000 }],
      },
    });
    expect(plain.status).toBe(201);
    const operator = await newPhone(browser());
    await signInAs(operator.page, '刘芳');

    // Act 1: 1.5 kg of bottles, 混入其他垃圾 and 其他 with a note, then the code typed
    await operator.page.goto(appUrl('/packages/station/credit/index'));
    const credit = await onPage(operator.page, '/packages/station/credit/index');
    await expect.poll(() => credit.getByText('春晖党群服务站').count(), POLL).toBeGreaterThan(0);
    await credit.locator('.weigh-line .chip', { hasText: '塑料瓶' }).first().tap();
    await credit.locator('.weigh-line__kg input').fill('1.5');
    const flags = credit.locator('.sort-flag');
    await expect.poll(() => flags.locator('.chip').count(), POLL).toBe(5);
    await flags.locator('.chip', { hasText: '混入其他垃圾' }).tap();
    await flags.locator('.chip', { hasText: '其他' }).last().tap();
    await expect.poll(() => flags.locator('.chip--chosen').count(), POLL).toBe(2);
    await credit.locator('.sort-flag__note input').fill('夹带塑料袋');
    await expect.poll(() => credit.getByText('将记录分类不合格（积分照常记入）。').count(), POLL).toBe(1);
    await credit.locator('.member-code-input input').fill(await codeOf());
    await screenshot(operator.page, 'points-sort-flags-credit');
    await button(credit, '确认记分').tap();

    // Assess 1: credited as ever (1.5 kg × 20 分/公斤), and the flag noted on the receipt
    await expect.poll(() => credit.getByText('记分成功').count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText('本次记 30 分').count(), POLL).toBe(1);
    await expect
      .poll(() => credit.getByText('已记录分类不合格：混入其他垃圾、其他（积分照常记入）').count(), POLL)
      .toBe(1);
    await screenshot(operator.page, 'points-sort-flags-receipt');
    expect((await call('GET', `${C}/points/me`, { token: resident.token })).body.balance).toBe(10 + 30);
    await operator.context.close();

    // Act 2: the admin opens 积分统计
    const admin = await newPhone(browser());
    await signInAs(admin.page, '赵建华');
    await admin.page.goto(appUrl('/packages/points-admin/stats/index'));
    const stats = await onPage(admin.page, '/packages/points-admin/stats/index');

    // Assess 2: 翠竹园 4幢 weighed twice, flagged once (50%), one 混入其他垃圾 and one 其他; no resident named
    const section = stats.locator('.section', { hasText: '分类质量（按楼栋）' });
    const row = section.locator('.sort-quality__row', { hasText: '翠竹园 4幢' });
    await expect.poll(() => row.count(), POLL).toBe(1);
    const cells = await row.locator('.sort-quality__cell').allTextContents();
    expect(cells.map((c) => c.trim())).toEqual(['翠竹园 4幢', '2', '1', '50%', '1', '0', '0', '0', '1']);
    const head = await section.locator('.sort-quality__row--head .sort-quality__cell').allTextContents();
    expect(head.map((c) => c.trim())).toEqual([
      '楼栋',
      '称重次数',
      '不合格',
      '不合格率',
      '混入其他垃圾',
      '厨余未破袋',
      '可回收物不干净',
      '有害垃圾混投',
      '其他',
    ]);
    // Sorted by flag rate, highest first.
    const body = section.locator('.sort-quality__row:not(.sort-quality__row--head)');
    const rates: number[] = [];
    for (let i = 0; i < (await body.count()); i++)
      rates.push(Number.parseFloat((await body.nth(i).locator('.sort-quality__cell').nth(3).textContent()) ?? ''));
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(await section.textContent()).not.toMatch(/\*|单元|夹带塑料袋/);
    // Nine columns are wider than a phone: the table says so.
    await expect.poll(() => section.getByText('左右滑动查看更多').count(), POLL).toBe(1);
    await section.scrollIntoViewIfNeeded();
    await screenshot(admin.page, 'points-sort-flags-admin');
    await admin.context.close();
  });
});
