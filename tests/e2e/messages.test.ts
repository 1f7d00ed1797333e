/**
 * 消息, the message centre, through the H5 build: a resident files a report
 * with a real 12-megapixel phone photo, consents on the submit tap to one
 * WeChat message of each of the report's three templates, staff accept,
 * dispatch and resolve it, and she finds three messages in 消息 (with the
 * count on the 我的 tab) that open the report. WeChat (the stand-in's
 * outbox) carried exactly what the consents allowed.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { imageDimensions, standInOpenid } from '../../infra/local/wechat-stand-in.js';
import { call, newKey, signIn } from '../support/api';
import { button, cell, newPhone, onPage, POLL, screenshot, signInAs, tapTab, useBrowser, visiblePage } from './browser';
import { reportIdOf, type SentMessage } from './feedback-helpers';

const browser = useBrowser();

const C = '/v1/communities/chunhui';
const MESSAGES = '/pages/messages/index';
const DETAIL = '/packages/feedback/detail/index';
/** infra/local/stack.ts: the local app id, from which the stand-in derives each persona's openid. */
const LOCAL_APP_ID = 'wx0000local0000linli';
const TEMPLATES = ['feedback_accepted', 'feedback_resolved', 'feedback_reply'] as const;
const TEMPLATE_IDS = {
  feedback_accepted: 'local-feedback-accepted',
  feedback_resolved: 'local-feedback-resolved',
  feedback_reply: 'local-feedback-reply',
} as const;
/** A photo's compression and upload take longer than a tap: give them room on a 2-core machine. */
const SLOW = { timeout: 45_000, interval: 200 } as const;

type Remaining = Record<(typeof TEMPLATES)[number], number>;

async function remaining(token: string): Promise<Remaining> {
  const res = await call<{ remaining: Remaining }>('GET', '/v1/me/subscriptions', { token });
  expect(res.status).toBe(200);
  return res.body.remaining;
}

async function act(persona: string, reportId: string, body: Record<string, unknown>): Promise<void> {
  const res = await call('POST', `${C}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    body,
    idempotencyKey: newKey(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** What WeChat was asked to send this person about this report, by template. */
async function sentAbout(openid: string, reportId: string): Promise<SentMessage[]> {
  const res = await fetch(`${inject('wechatUrl')}/__stand-in/outbox?touser=${openid}`);
  const { messages } = (await res.json()) as { messages: SentMessage[] };
  return messages.filter((m) => m.page?.endsWith(`reportId=${reportId}`));
}

const countsOf = (sent: SentMessage[]) =>
  Object.fromEntries(
    Object.values(TEMPLATE_IDS).map((id) => [id, sent.filter((m) => m.template_id === id).length] as const),
  );

/** The few browser objects `bigJpeg` draws with (the tests compile without the DOM library). */
interface BrowserCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    createImageData(w: number, h: number): { data: Uint8ClampedArray };
    putImageData(image: { data: Uint8ClampedArray }, x: number, y: number): void;
  } | null;
  toBlob(done: (blob: Blob | null) => void, type: string, quality: number): void;
}
type BrowserGlobals = {
  document: { createElement(tag: 'canvas'): BrowserCanvas; documentElement: { style: { zoom: string } } };
  getComputedStyle(el: unknown): { fontWeight: string };
};

/**
 * A real phone photo's weight: 4000 × 3000 px of noise over a gradient, as a
 * JPEG at quality 0.95 (about 7 MB), drawn by the browser's own encoder.
 */
async function bigJpeg(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const width = 4000;
    const height = 3000;
    const canvas = (globalThis as unknown as BrowserGlobals).document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    const image = context.createImageData(width, height);
    const d = image.data;
    let x = 0x2545f491;
    for (let i = 0; i < d.length; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const base = (((i >> 2) % width) * 255) / width;
      d[i] = base + (((x & 255) * 64) >> 8);
      d[i + 1] = 96 + ((((x >> 8) & 255) * 64) >> 8);
      d[i + 2] = 191 - base + ((((x >> 16) & 255) * 64) >> 8);
      d[i + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.95));
    if (!blob) throw new Error('the canvas made no JPEG');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}

/** The badge on the 我的 tab (index 3; 首页's bulletin badge is index 0). */
const mineBadge = (page: Page): Locator => page.locator('.weui-tabbar__item').nth(3).locator('.taro-tabbar-badge');

describe('消息, the message centre', () => {
  it('a resident reports with a 12-megapixel photo, consents on the submit tap, and after staff accept, dispatch and resolve finds three messages (badge 3) that open the report; WeChat sent exactly what the consents allowed', async () => {
    // Prepare: 王秀英 starts with nothing unread; what the server may still send her, per template
    const token = await signIn('resident-wang');
    const cleared = await call<{ unread: number }>('POST', '/v1/me/messages/read', { token, body: { all: true } });
    expect(cleared.body.unread).toBe(0);
    const before = await remaining(token);
    const openid = standInOpenid(LOCAL_APP_ID, 'resident-wang');
    const description = `3幢楼道里堆满了纸箱杂物，老人上下楼不方便（${Date.now().toString(36)}）`;
    const { page, context } = await newPhone(browser());
    const asked: string[][] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/__stand-in/wechat/subscribe'))
        asked.push((req.postDataJSON() as { tmplIds: string[] }).tmplIds);
    });

    // Prepare: a photo as a phone takes it, at least 12 megapixels and 5–10 MB
    await signInAs(page, '王秀英');
    const photo = await bigJpeg(page);
    const dims = imageDimensions(photo);
    expect(dims).toEqual({ format: 'jpeg', width: 4000, height: 3000 });
    expect(photo.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(photo.length).toBeLessThan(10 * 1024 * 1024);

    // Act: 意见箱 → 我要反映, a category that is not a repair (no proof photo needed), the photo, 提交反映
    await tapTab(page, '意见箱');
    await button(visiblePage(page), '我要反映').tap();
    const form = await onPage(page, '/packages/feedback/submit/index');
    await form.getByText('环境卫生', { exact: true }).tap();
    await form.locator('textarea').fill(description);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.getByText('添加照片').tap()]);
    await chooser.setFiles({ name: 'IMG_20261202_070800.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => form.locator('.photo-picker__item[data-state="done"]').count(), SLOW).toBe(1);
    expect(await form.locator('.photo-picker__item[data-state="failed"]').count()).toBe(0);
    await button(form, '提交反映').tap();

    // Assess: the report is filed with the photo
    const report = await onPage(page, DETAIL);
    await expect.poll(() => report.locator('.report-summary').getByText('待受理').count(), POLL).toBe(1);
    const reportId = await reportIdOf(page);
    expect(await report.locator('.photo-strip__image').count()).toBe(1);

    // Assess: the submit tap asked for the three report templates at once, and the server counts one of each more
    expect(asked).toEqual([TEMPLATES.map((t) => TEMPLATE_IDS[t])]);
    await expect
      .poll(() => remaining(token), POLL)
      .toMatchObject({
        feedback_accepted: before.feedback_accepted + 1,
        feedback_resolved: before.feedback_resolved + 1,
        feedback_reply: before.feedback_reply + 1,
      });

    // Act: 张丽 accepts it (WeChat carries that one, on the 受理 consent)
    await act('grid-zhang', reportId, { action: 'accept' });
    await expect
      .poll(async () => countsOf(await sentAbout(openid, reportId))[TEMPLATE_IDS.feedback_accepted], POLL)
      .toBe(1);
    // Act: she dispatches it to 物业 (the same template: no consent left, unless an earlier test left one),
    // and 陈志强 of 物业 resolves it
    await act('grid-zhang', reportId, { action: 'dispatch', target: { kind: 'property' }, note: '请物业今天清理' });
    await act('property-chen', reportId, { action: 'resolve', note: '已清理楼道里的纸箱杂物，楼道已通畅' });

    // Act: 王秀英 goes back to 意见箱 and on to 我的
    await page.goBack();
    await onPage(page, '/pages/feedback/index');
    await tapTab(page, '我的');
    const mine = visiblePage(page);

    // Assess: the 我的 tab carries the count, and so does its 消息 entry, in words
    await expect.poll(() => mineBadge(page).textContent(), POLL).toBe('3');
    const entry = cell(mine, '消息');
    await expect.poll(() => entry.getByText('3 条未读', { exact: true }).count(), POLL).toBe(1);
    await screenshot(page, 'messages-mine-badge');

    // Act: open 消息
    await entry.tap();
    const inbox = await onPage(page, MESSAGES);

    // Assess: three unread messages about the report, newest first, each with its time
    const cards = inbox.locator('.message-card');
    await expect.poll(() => cards.count(), POLL).toBeGreaterThanOrEqual(3);
    const unread = inbox.locator('.message-card[data-read="false"]');
    expect(await unread.count()).toBe(3);
    expect(await unread.locator('.message-card__title').allTextContents()).toEqual([
      '您的反映已办结，请确认',
      '您的反映已派单',
      '您的反映已受理',
    ]);
    for (const body of await unread.locator('.message-card__body').allTextContents())
      expect(body).toContain('环境卫生');
    for (const time of await unread.locator('.message-card__time').allTextContents())
      expect(time).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    // Unread is said in words and weight, not by colour alone.
    expect(await unread.first().locator('.message-card__dot').count()).toBe(1);
    expect(await unread.first().getByText('未读', { exact: true }).count()).toBe(1);
    expect(
      await unread
        .first()
        .locator('.message-card__title')
        .evaluate((el) => Number((globalThis as unknown as BrowserGlobals).getComputedStyle(el).fontWeight)),
    ).toBeGreaterThanOrEqual(700);
    expect(await inbox.locator('.messages__count').textContent()).toBe('3 条未读');
    await screenshot(page, 'messages-inbox');

    // Assess: at 160 % text (browser zoom; WeChat's font setting does the same through rem) nothing is cut off
    await page.evaluate(() => {
      (globalThis as unknown as BrowserGlobals).document.documentElement.style.zoom = '1.6';
    });
    const overflowing = await cards.evaluateAll(
      (els) =>
        els.filter(
          (el) =>
            (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth >
            (el as unknown as { clientWidth: number }).clientWidth,
        ).length,
    );
    expect(overflowing).toBe(0);
    await screenshot(page, 'messages-inbox-large-text');
    await page.evaluate(() => {
      (globalThis as unknown as BrowserGlobals).document.documentElement.style.zoom = '';
    });

    // Act: open the newest (办结)
    await unread.first().tap();

    // Assess: it lands on the report, and the message is read on the server
    const opened = await onPage(page, DETAIL);
    await expect.poll(() => page.url(), POLL).toContain(`reportId=${reportId}`);
    await expect.poll(() => opened.locator('.report-summary').getByText('待确认').count(), POLL).toBe(1);
    await expect.poll(async () => (await call('GET', '/v1/me/messages?limit=1', { token })).body.unread, POLL).toBe(2);

    // Act: back to 消息
    await page.goBack();
    const back = await onPage(page, MESSAGES);

    // Assess: that one is read now, two are left
    await expect.poll(() => back.locator('.message-card[data-read="false"]').count(), POLL).toBe(2);
    expect(await back.locator('.messages__count').textContent()).toBe('2 条未读');

    // Act: 全部已读
    await button(back, '全部已读').tap();

    // Assess: nothing unread, on the page, on the server, and on the tab once 我的 shows again
    await expect.poll(() => back.locator('.message-card[data-read="false"]').count(), POLL).toBe(0);
    await expect.poll(() => back.locator('.messages__count').textContent(), POLL).toBe('没有未读消息');
    expect((await call('GET', '/v1/me/messages?limit=1', { token })).body.unread).toBe(0);
    await page.goBack();
    await onPage(page, '/pages/mine/index');
    await expect.poll(() => mineBadge(page).count(), POLL).toBe(0);
    await expect.poll(() => cell(visiblePage(page), '消息').getByText('查看', { exact: true }).count(), POLL).toBe(1);

    // Assess: WeChat carried exactly what the consents allowed: the 受理 (the 派单 found its template's consent
    // spent, unless an earlier test left one), the 办结, and no reply (nobody replied). Wait until the outbox
    // settles, then check it stays so.
    const expected = {
      [TEMPLATE_IDS.feedback_accepted]: Math.min(2, before.feedback_accepted + 1),
      [TEMPLATE_IDS.feedback_resolved]: 1,
      [TEMPLATE_IDS.feedback_reply]: 0,
    };
    await expect.poll(async () => countsOf(await sentAbout(openid, reportId)), POLL).toEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const sent = await sentAbout(openid, reportId);
    expect(countsOf(sent)).toEqual(expected);
    const accepted = sent.find((m) => m.template_id === TEMPLATE_IDS.feedback_accepted);
    expect(accepted?.data.phrase2?.value).toBe('已受理');
    expect(accepted?.page).toBe(`packages/feedback/detail/index?communityId=chunhui&reportId=${reportId}`);
    expect(sent.find((m) => m.template_id === TEMPLATE_IDS.feedback_resolved)?.data.phrase2?.value).toBe('待确认');
    // The consents left are the ones nothing used.
    expect(await remaining(token)).toMatchObject({
      feedback_accepted: Math.max(0, before.feedback_accepted + 1 - 2),
      feedback_resolved: before.feedback_resolved,
      feedback_reply: before.feedback_reply + 1,
    });

    await context.close();
  });
});
