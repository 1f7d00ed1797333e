/**
 * 社区吹哨、部门报到 in the H5 build: a case the community escalated to the
 * street waits on the street office's desk (吹哨案件) with its age; the street
 * admin, at desktop width, dispatches it to a unit; the unit's member, on a
 * phone, finds it on 单位工作台, goes on site and resolves it; the resident
 * sees who did it. The file files its own report, so what it looks for is its own.
 */
import { formatDeadline } from '@linli/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api';
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
import { popup } from './feedback-helpers';

const browser = useBrowser();
const C = '/v1/communities/chunhui';

async function api(persona: string, path: string, body: Record<string, unknown>) {
  const res = await call('POST', path, { token: await signIn(persona), idempotencyKey: newKey(), body });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
}

/** A report the grid could not solve and the committee blew the whistle on: on the street's desk. */
async function whistledReport(description: string): Promise<string> {
  const { reportId } = await api('resident-wang', `${C}/feedback`, {
    category: 'sanitation',
    description,
    photos: [],
    location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '北侧空地' },
  });
  await api('grid-zhang', `${C}/feedback/${reportId}/events`, { action: 'accept' });
  await api('grid-zhang', `${C}/feedback/${reportId}/events`, { action: 'escalate', reason: '涉及多个部门' });
  await api('admin-chunhui', `${C}/feedback/${reportId}/events`, { action: 'whistle', reason: '需要街道协调' });
  return reportId;
}

/** Taps an action on the report page, fills its sheet and sends it. */
async function act(page: Page, action: string, go: string, fill?: (sheet: ReturnType<typeof popup>) => Promise<void>) {
  await button(visiblePage(page).locator('.report__actions'), action).first().tap();
  const sheet = popup(page, action);
  await expect.poll(() => sheet.count(), POLL).toBe(1);
  await fill?.(sheet);
  await button(sheet, go).tap();
  await expect.poll(() => sheet.count(), POLL).toBe(0);
}

const status = (page: Page, label: string) =>
  expect.poll(() => visiblePage(page).locator('.report-summary').getByText(label).count(), POLL).toBe(1);

describe('the street dispatches a whistled case and the unit resolves it', () => {
  it('from 吹哨案件 at a desk to 单位工作台 on a phone, and back to the resident', async () => {
    const description = `北侧空地建筑垃圾堆了半个月（${Date.now().toString(36)}）`;
    await whistledReport(description);

    // The street office at its desk: the case waits with its age; it sends it to the 城管中队.
    const context = await browser().newContext({
      viewport: { width: 1280, height: 800 },
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const street = await context.newPage();
    street.setDefaultTimeout(15_000);
    await signInAs(street, '钱志远');
    await visiblePage(street).locator('.side-nav__item', { hasText: '吹哨案件' }).click();
    const desk = await onPage(street, '/packages/street/escalations/index');
    const card = desk.locator('.report-card', { hasText: description });
    await expect.poll(() => card.count(), POLL).toBe(1);
    expect(await card.textContent()).toContain('已上报街道');
    await screenshot(street, 'street-escalations');
    await card.locator('.report-card__open').click();
    await onPage(street, '/packages/feedback/detail/index');
    await act(street, '派单', '确认派单', async (sheet) => {
      // The street sends to a unit only: no grid worker or property to choose.
      expect(await sheet.getByText('网格员', { exact: true }).count()).toBe(0);
      await sheet.getByText('长河街道城管中队', { exact: true }).click();
      await sheet.locator('textarea').fill('请城管中队今天到场清运');
    });
    await status(street, '已派单');
    await context.close();

    // The unit's member on a phone: 我的 → 单位工作台, on site, resolved with a note.
    const unit = await newPhone(browser());
    await signInAs(unit.page, '马强');
    await tapTab(unit.page, '我的');
    await cell(visiblePage(unit.page), '单位工作台').tap();
    const queue = await onPage(unit.page, '/packages/staff/unit/index');
    await expect.poll(async () => (await queue.textContent()) ?? '', POLL).toContain('长河街道城管中队');
    const mine = queue.locator('.report-card', { hasText: description });
    await expect.poll(() => mine.count(), POLL).toBe(1);
    await screenshot(unit.page, 'unit-queue');
    await mine.locator('.report-card__open').tap();
    const report = await onPage(unit.page, '/packages/feedback/detail/index');
    await expect.poll(async () => (await report.textContent()) ?? '', POLL).toContain('长河街道城管中队');
    await act(unit.page, '已到场', '确认已到场');
    await status(unit.page, '处理中');
    await act(unit.page, '办结', '确认办结', async (sheet) => {
      await sheet.locator('textarea').fill('已清运建筑垃圾，并请物业设置围挡');
    });
    await status(unit.page, '待确认');
    expect(await visiblePage(unit.page).locator('.timeline').textContent()).toContain('马强（单位人员）');
    await screenshot(unit.page, 'unit-resolved');
    await unit.context.close();

    // The resident sees it resolved, by the unit, and can confirm.
    const resident = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    await tapTab(resident.page, '意见箱');
    const home = visiblePage(resident.page);
    await home.locator('.report-card', { hasText: description }).locator('.report-card__open').tap();
    await onPage(resident.page, '/packages/feedback/detail/index');
    await status(resident.page, '待确认');
    const timeline = await visiblePage(resident.page).locator('.timeline').textContent();
    expect(timeline).toContain('已清运建筑垃圾');
    expect(timeline).toContain('钱志远（街道管理员）');
    await resident.context.close();
  });
});

describe('a case the grid sent up to the committee', () => {
  it('shows the committee its own deadline (社区办结时限) with the time left, and the timeline quoting it', async () => {
    const description = `南门口共享单车堆满人行道（${Date.now().toString(36)}）`;
    const { reportId } = await api('resident-wang', `${C}/feedback`, {
      category: 'sanitation',
      description,
      photos: [],
      location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '南门口' },
    });
    await api('grid-zhang', `${C}/feedback/${reportId}/events`, { action: 'accept' });
    const up = await api('grid-zhang', `${C}/feedback/${reportId}/events`, {
      action: 'escalate',
      reason: '涉及多个部门',
    });
    const committeeBy: string = up.report.committeeBy;
    expect(committeeBy).toBeTruthy();

    const admin = await newPhone(browser());
    await signInAs(admin.page, '赵建华');
    const detail = '/packages/feedback/detail/index';
    await admin.page.goto(appUrl(`${detail}?communityId=chunhui&reportId=${reportId}`));
    const report = await onPage(admin.page, detail);
    const row = report.locator('.report-summary .row[data-row="社区办结时限"]');
    await expect.poll(() => row.count(), POLL).toBe(1);
    const by = formatDeadline(committeeBy, { now: new Date() });
    expect(await row.locator('.deadline__at').textContent()).toBe(`${by} 前`);
    expect(await row.locator('.deadline__left').textContent()).toMatch(/^还剩/);
    const event = report.locator('.timeline__event[data-kind="committee_deadline"]');
    await expect.poll(() => event.count(), POLL).toBe(1);
    expect(await event.locator('.timeline__text').textContent()).toBe(
      `社区办结时限 ${by} 前；届时仍未办结将上报长河街道`,
    );
    await screenshot(admin.page, 'committee-deadline');
    await admin.context.close();
  });
});
