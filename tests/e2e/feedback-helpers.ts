/** What the feedback-box browser tests share: photos, chips, sheets, the outbox and the figures. */
import type { Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { POLL } from './browser';

/** A 1×1 PNG: a real file through the real file chooser, small enough to need no compression. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Taps what opens the photo chooser and picks one PNG in it, as a person would. */
export async function choosePhoto(page: Page, trigger: Locator, name: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), trigger.tap()]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: PNG });
}

/** Waits until `count` photos under `scope` have reached the photo store. */
export async function waitForUploads(scope: Locator, count: number): Promise<void> {
  await expect.poll(() => scope.locator('.photo-picker__item[data-state="done"]').count(), POLL).toBe(count);
}

/** The label of the chosen chip under `scope` (without its ✓). */
export async function chosen(scope: Locator): Promise<string> {
  const text = await scope.locator('.chip--chosen .chip__label').first().textContent();
  return (text ?? '').replace('✓', '').trim();
}

/** The bottom sheet of an action, once it is open. */
export function popup(page: Page, title: string): Locator {
  return page.locator('.nut-popup:visible', { hasText: title });
}

/** The report on screen, from the page's address. */
export async function reportIdOf(page: Page): Promise<string> {
  await expect.poll(() => page.url(), POLL).toContain('reportId=');
  return new URL(page.url().replace('/#/', '/')).searchParams.get('reportId') ?? '';
}

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** Every subscription message WeChat (the local stand-in) was asked to send. */
export async function outbox(): Promise<SentMessage[]> {
  const res = await fetch(`${inject('wechatUrl')}/__stand-in/outbox`);
  return ((await res.json()) as { messages: SentMessage[] }).messages;
}

/** The Shanghai month now, `YYYY-MM`. */
export function thisShanghaiMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** Signs a demo person in over the API (for preparing data a test is not about). */
export async function apiToken(persona: string): Promise<string> {
  const res = await fetch(`${inject('apiUrl')}/v1/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** 春晖社区's figures for one month, as the admin's API call returns them. */
export async function adminFigures(month: string): Promise<{ received: number; accepted: number; resolved: number }> {
  const res = await fetch(`${inject('apiUrl')}/v1/communities/chunhui/stats/feedback?from=${month}&to=${month}`, {
    headers: { authorization: `Bearer ${await apiToken('admin-chunhui')}` },
  });
  return ((await res.json()) as { totals: { received: number; accepted: number; resolved: number } }).totals;
}
