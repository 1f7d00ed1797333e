/**
 * 大字 on the district's screens, on a 360 px phone: the street admin's
 * 吹哨案件, 单位管理 and 街道公告, a unit member's 单位工作台 and a newcomer's
 * 加入单位. Each shows what it is for, and nothing is wider than the screen.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  button,
  cell,
  fitsTheScreen,
  fontSize,
  newPhone,
  onPage,
  POLL,
  screenshot,
  signInAs,
  turnOnLargeText,
  useBrowser,
  visiblePage,
} from './browser';

const browser = useBrowser();

/** A phone of 360 px with 大字 on, signed in as `name`, on 我的. */
async function largeTextPhone(name: string): Promise<Page> {
  const { page } = await newPhone(browser());
  await page.setViewportSize({ width: 360, height: 780 });
  await signInAs(page, name);
  await turnOnLargeText(page);
  return page;
}

/** The screen shows `text`, at 大字 (its body text 1.25 × 16 px), and fits the phone. */
async function readable(page: Page, screen: Locator, text: string, shot: string) {
  await expect.poll(async () => (await screen.textContent()) ?? '', POLL).toContain(text);
  expect(await fontSize(screen.getByText(text, { exact: false }).first())).toBeGreaterThanOrEqual(16 * 1.25 - 0.5);
  expect(await fitsTheScreen(page)).toBe(true);
  await screenshot(page, shot);
}

describe('大字 on the district screens', () => {
  it('the street admin reads 吹哨案件, 单位管理 and 街道公告 on a small phone', async () => {
    const page = await largeTextPhone('钱志远');

    await visiblePage(page).locator('.entry-street-escalations').tap();
    await readable(
      page,
      await onPage(page, '/packages/street/escalations/index'),
      '等待街道派单',
      'large-street-escalations',
    );

    await page.goBack();
    await onPage(page, '/pages/mine/index');
    await visiblePage(page).locator('.entry-street-units').tap();
    await readable(page, await onPage(page, '/packages/street/units/index'), '长河街道城管中队', 'large-street-units');

    await page.goBack();
    await onPage(page, '/pages/mine/index');
    await visiblePage(page).locator('.entry-street-dashboard').tap();
    const dashboard = await onPage(page, '/packages/street/dashboard/index');
    await expect.poll(() => dashboard.getByText('街道公告', { exact: true }).count(), POLL).toBeGreaterThan(0);
    await button(dashboard, '街道公告').last().tap();
    await readable(
      page,
      await onPage(page, '/packages/street/bulletins/index'),
      '写街道公告',
      'large-street-bulletins',
    );
  });

  it('a unit member reads 单位工作台, and a newcomer 加入单位', async () => {
    const unit = await largeTextPhone('马强');
    await cell(visiblePage(unit), '单位工作台').tap();
    await readable(unit, await onPage(unit, '/packages/staff/unit/index'), '长河街道城管中队', 'large-unit-queue');

    const newcomer = await largeTextPhone('林小雨');
    await cell(visiblePage(newcomer), '加入单位').tap();
    await readable(newcomer, await onPage(newcomer, '/packages/staff/join/index'), '邀请码', 'large-unit-join');
  });
});
