/**
 * The clock starts when a report arrives, in the H5 build: the 意见箱 tab
 * promises acceptance times from the community's settings, the resident sees
 * how long is left to accept their report, and once the SLA sweep (the dev
 * sweeps route, as if it were later) finds nobody accepted it, the resident
 * and the grid worker see it marked overdue, by how long, with the timeline
 * saying so. The phones' clocks are set to the sweep's moment.
 */
import { formatDeadline } from '@linli/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api';
import { appUrl, newPhone, onPage, POLL, screenshot, signInAs, tapTab, useBrowser, visiblePage } from './browser';

const browser = useBrowser();
const C = '/v1/communities/chunhui';
const DETAIL = '/packages/feedback/detail/index';
const MINUTE = 60_000;

/** An urgent report from 王秀英 (not what this test is about: filed over the API). */
async function fileUrgent(description: string) {
  const res = await call('POST', `${C}/feedback`, {
    token: await signIn('resident-wang'),
    idempotencyKey: newKey(),
    body: {
      category: 'fire_passage',
      description,
      location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '北侧' },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { reportId: string; acceptBy: string };
}

async function openReport(page: Page, reportId: string) {
  await page.goto(appUrl(`${DETAIL}?communityId=chunhui&reportId=${reportId}`));
  const report = await onPage(page, DETAIL);
  await expect.poll(() => report.locator('.report-summary').count(), POLL).toBe(1);
  return report;
}

/** The 受理时限 row of the report on screen: the deadline and the time left. */
const acceptRow = (report: ReturnType<typeof visiblePage>) =>
  report.locator('.report-summary .row[data-row="受理时限"]');

/** The phone's clock stands at `at` from now on (Date.now and new Date; timers keep running). */
async function setClock(context: BrowserContext, at: number) {
  await context.clock.setFixedTime(new Date(at));
}

describe('a report nobody accepts in time', () => {
  it('shows the time left to accept it, then, after the sweep, that it is overdue and by how long, to the resident and the grid worker', async () => {
    // Prepare
    const description = `3幢北侧消防通道被私家车堵死了（${Date.now().toString(36)}）`;
    const { reportId, acceptBy } = await fileUrgent(description);
    const due = Date.parse(acceptBy);
    const resident = await newPhone(browser());
    const grid = await newPhone(browser());
    await signInAs(resident.page, '王秀英');

    // Act 1: the resident looks at 意见箱
    await tapTab(resident.page, '意见箱');
    const tab = visiblePage(resident.page);
    // Assess 1: the promises come from the settings, and say what the deadlines are
    const promises = tab.locator('.section', { hasText: '社区服务承诺' });
    await expect.poll(() => promises.locator('.feedback__promise').count(), POLL).toBe(9);
    const promise = (label: string) =>
      promises.locator('.feedback__promise', { hasText: label }).locator('.feedback__promise-value').textContent();
    expect((await promise('紧急问题，受理'))?.replace(/\u00a0/g, ' ')).toBe('提交后 10 分钟内');
    expect((await promise('小修'))?.replace(/\u00a0/g, ' ')).toBe('受理次日 24:00 前');
    // …and 我的反映 shows the report waiting, with the time left to accept it
    const card = tab.locator('.report-card', { hasText: description });
    await expect
      .poll(() => card.locator('.report-card__deadline').textContent(), POLL)
      .toMatch(/^受理时限.+ 前还剩 \d+ 分钟$/);

    await promises.scrollIntoViewIfNeeded();
    await screenshot(resident.page, 'feedback-promises');

    // Act 2: the report itself
    const before = await openReport(resident.page, reportId);
    // Assess 2: 受理时限 with the deadline (as every page writes it) and the minutes left; not overdue
    const row = acceptRow(before);
    await expect
      .poll(() => row.locator('.deadline__at').textContent(), POLL)
      .toBe(`${formatDeadline(acceptBy, { now: new Date() })} 前`);
    expect(await row.locator('.deadline__left').textContent()).toMatch(/^还剩 \d+ 分钟$/);
    expect(await before.locator('.status-tag--overdue').count()).toBe(0);
    await screenshot(resident.page, 'feedback-accept-waiting');

    // Act 3: the sweep runs as if it were 2½ minutes past the acceptance deadline; the phones' clocks say so too
    const later = due + 2.5 * MINUTE;
    const swept = await call('POST', '/v1/dev/sweeps', {
      body: { now: new Date(later).toISOString(), sweeps: ['feedback-sla'] },
    });
    expect(swept.status).toBe(200);
    expect(swept.body.results[0].changed).toBeGreaterThanOrEqual(1);
    await setClock(resident.context, later);
    await setClock(grid.context, later);
    const after = await openReport(resident.page, reportId);

    // Assess 3: the resident sees it overdue, by how long, and why
    await expect.poll(() => after.locator('.report-summary .status-tag--overdue').count(), POLL).toBe(1);
    expect(await after.locator('.report-summary__overdue').textContent()).toBe('未在承诺的时限内受理，社区正在督办。');
    const overdueRow = acceptRow(after);
    expect(await overdueRow.locator('.deadline__left--over').textContent()).toBe('已超时 2 分钟');
    const overdueEvent = after.locator('.timeline__event[data-kind="overdue"]');
    await expect.poll(() => overdueEvent.count(), POLL).toBe(1);
    expect(await overdueEvent.locator('.timeline__text').textContent()).toBe(
      `未在 ${formatDeadline(acceptBy, { now: new Date(later) })} 前受理`,
    );
    // The reminder is for staff only
    expect(await after.locator('.timeline__event[data-kind="reminded"]').count()).toBe(0);
    await screenshot(resident.page, 'feedback-accept-overdue');

    // Act 4: the grid worker opens it
    await signInAs(grid.page, '张丽');
    const staffView = await openReport(grid.page, reportId);
    // Assess 4: marked overdue by 2 minutes, with the internal reminder on the timeline, and 受理 still to do
    await expect.poll(() => staffView.locator('.report-summary .status-tag--overdue').count(), POLL).toBe(1);
    expect(await acceptRow(staffView).locator('.deadline__left--over').textContent()).toBe('已超时 2 分钟');
    const reminded = staffView.locator('.timeline__event[data-kind="reminded"]');
    await expect.poll(() => reminded.count(), POLL).toBe(1);
    expect(await reminded.locator('.timeline__text').textContent()).toMatch(
      /^已提醒网格员尽快受理；.+ 前仍未受理将上报社区$/,
    );
    expect(await staffView.locator('.report__action[data-action="accept"]').count()).toBe(1);
    await screenshot(grid.page, 'feedback-accept-overdue-staff');

    await resident.context.close();
    await grid.context.close();
  });
});
