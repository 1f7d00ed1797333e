/**
 * Codes a person can read out, in the H5 build on phones: the operator types
 * the 16 digits the resident reads off their code page (two browser
 * contexts), scans a code with the browser camera (Chromium's fake camera
 * playing a QR code), and, with no code at all, finds the home by building
 * and room while the resident confirms on their own phone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupCode } from '@linli/shared/rules';
import type { Browser, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
import {
  appUrl,
  button,
  launchBrowser,
  newPhone,
  onPage,
  POLL,
  RESULTS_DIR,
  screenshot,
  signInAs,
  useBrowser,
} from './browser';

const browser = useBrowser();
const STATION = '春晖党群服务站';

const balanceOf = async (token: string) =>
  (await call('GET', '/v1/communities/chunhui/points/me', { token })).body.balance as number;

/** The digits on the resident's screen, as a person reads them: grouped by four. */
async function digitsOn(scope: Locator): Promise<string> {
  const text = scope.locator('.points-qr__digits');
  await expect.poll(() => text.count(), POLL).toBe(1);
  return ((await text.textContent()) ?? '').trim();
}

/** The operator's weigh-in page, at their station, with `kg` of plastic bottles (20 分/公斤) on the scale. */
async function weighBottles(page: Page, kg: string): Promise<Locator> {
  await page.goto(appUrl('/packages/station/credit/index'));
  const credit = await onPage(page, '/packages/station/credit/index');
  await expect.poll(() => credit.getByText(STATION).count(), POLL).toBeGreaterThan(0);
  await credit.locator('.chip', { hasText: '塑料瓶' }).first().tap();
  await credit.locator('.weigh-line__kg input').fill(kg);
  return credit;
}

/**
 * A Y4M video (what Chromium's fake camera plays) of `text` as a QR code in
 * the middle of a white 640×480 picture: the QR code drawn by the `qrcode`
 * package as a PNG, its grey levels as the Y plane, no colour.
 */
async function qrVideo(text: string, name: string): Promise<string> {
  const png = PNG.sync.read(await QRCode.toBuffer(text, { scale: 10, margin: 4, errorCorrectionLevel: 'M' }));
  const width = 640;
  const height = 480;
  const luma = Buffer.alloc(width * height, 235);
  const left = Math.floor((width - png.width) / 2);
  const top = Math.floor((height - png.height) / 2);
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const grey = 0.299 * (png.data[i] ?? 0) + 0.587 * (png.data[i + 1] ?? 0) + 0.114 * (png.data[i + 2] ?? 0);
      luma[(top + y) * width + left + x] = grey < 128 ? 16 : 235;
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.y4m`);
  writeFileSync(path, Buffer.concat([header, frame, frame, frame, frame, frame]));
  return path;
}

describe('a member code read out and typed', () => {
  it('the operator types the 16 digits the resident reads off their code page, and the weigh-in is credited', async () => {
    // Prepare: 王秀英 shows her code page, 刘芳 opens 称重记积分, on two phones
    const wang = await signIn('resident-wang');
    const before = await balanceOf(wang);
    const resident = await newPhone(browser());
    const operator = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    await signInAs(operator.page, '刘芳');
    await resident.page.goto(appUrl('/packages/points/code/index'));
    const codePage = await onPage(resident.page, '/packages/points/code/index');

    // Assess the code page: 16 digits in four groups, a QR code and a barcode, and plain words on what to do
    const shown = await digitsOn(codePage);
    expect(shown).toMatch(/^7\d{3}( \d{4}){3}$/);
    await expect.poll(() => codePage.locator('.points-qr__image img, img.points-qr__image').count(), POLL).toBe(1);
    await expect.poll(() => codePage.locator('.points-qr__bars img, img.points-qr__bars').count(), POLL).toBe(1);
    const barcode = codePage.locator('.points-qr__bars img, img.points-qr__bars').first();
    expect(await barcode.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await expect.poll(() => codePage.getByText('出示给工作人员扫码，或念出下面的数字。').count(), POLL).toBe(1);
    expect(await codePage.getByText(/截图/).count()).toBe(0);
    await screenshot(resident.page, 'points-codes-member-code');

    // Act 1: the operator weighs 1.5 kg of bottles and types the digits as they are read out, one by one
    const credit = await weighBottles(operator.page, '1.5');
    const field = credit.locator('.member-code-input input');
    await field.pressSequentially(shown.replace(/ /g, ''), { delay: 20 });

    // Assess 1: the field groups the digits as they are typed
    await expect.poll(() => field.inputValue(), POLL).toBe(shown);

    // Act 2: a mistyped digit is caught on the spot, before anything is sent
    const wrong = `${shown.slice(0, -1)}${(Number(shown.at(-1)) + 1) % 10}`;
    await field.fill(wrong);
    await expect.poll(() => credit.getByText('积分码有一位数字不对，请核对后重新输入').count(), POLL).toBe(1);
    await screenshot(operator.page, 'points-codes-mistyped');
    await field.fill(shown);
    await expect.poll(() => credit.getByText('积分码有一位数字不对，请核对后重新输入').count(), POLL).toBe(0);
    await button(credit, '确认记分').tap();

    // Assess 2: credited to 王秀英, the points on her account
    await expect.poll(() => credit.getByText('记分成功').count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText('居民：王*英').count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText('本次记 30 分').count(), POLL).toBe(1);
    expect(await balanceOf(wang)).toBe(before + 30);
    await screenshot(operator.page, 'points-codes-typed-credited');
    await resident.context.close();
    await operator.context.close();
  });
});

describe('a member code scanned with the browser camera', () => {
  let scanner: Browser | undefined;
  afterAll(async () => {
    await scanner?.close();
  });

  it('the operator weighs, taps 扫码, the camera reads the QR code and the weigh-in is credited at once', async () => {
    // Prepare: 李建国's fresh member code, played to Chromium's fake camera as a QR code
    const li = await signIn('resident-li');
    const before = await balanceOf(li);
    const code = (await call('GET', '/v1/communities/chunhui/points/me/code', { token: li })).body.code as string;
    const video = await qrVideo(code, 'points-codes-camera');
    scanner = await launchBrowser([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    const operator = await newPhone(scanner);
    await operator.context.grantPermissions(['camera']);
    await signInAs(operator.page, '刘芳');
    const credit = await weighBottles(operator.page, '2');

    // Act
    await button(credit, '扫码').tap();

    // Assess: the camera opened, the code was read, sent and credited without typing
    await expect.poll(() => credit.getByText('记分成功').count(), { timeout: 30_000, interval: 200 }).toBe(1);
    await expect.poll(() => credit.getByText('居民：李*国').count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText('本次记 40 分').count(), POLL).toBe(1);
    expect(await operator.page.locator('.camera-scan').count()).toBe(0);
    expect(await balanceOf(li)).toBe(before + 40);
    await screenshot(operator.page, 'points-codes-scanned-credited');
    // The code was used by that credit: the same code again is refused.
    const again = await call('POST', '/v1/communities/chunhui/points/credits', {
      token: await signIn('operator-liu'),
      idempotencyKey: crypto.randomUUID(),
      body: { memberCode: groupCode(code), stationId: 'chunhui-center', lines: [{ material: 'glass', grams: 500 }] },
    });
    expect(again.body.error.code).toBe('MEMBER_CODE_USED');
    await operator.context.close();
  });
});

describe('no code: found by building and room, confirmed on the resident’s phone', () => {
  it('the operator asks, the resident confirms on the code page, then it is credited', async () => {
    // Prepare
    const wang = await signIn('resident-wang');
    const before = await balanceOf(wang);
    const resident = await newPhone(browser());
    const operator = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    await signInAs(operator.page, '刘芳');
    await resident.page.goto(appUrl('/packages/points/code/index'));
    const codePage = await onPage(resident.page, '/packages/points/code/index');
    await digitsOn(codePage);

    // Act 1: 刘芳 weighs 1.75 kg of bottles, finds 3幢 2单元 502 and sends it to the resident
    const credit = await weighBottles(operator.page, '1.75');
    await button(credit, '按楼栋门牌找居民').tap();
    await credit.locator('.chip', { hasText: '3幢' }).first().tap();
    const home = credit.locator('.home-finder__home', { hasText: '2单元 502' });
    await expect.poll(() => home.count(), POLL).toBe(1);
    await home.tap();
    await expect.poll(() => credit.getByText(/3幢 2单元 502/).count(), POLL).toBeGreaterThan(0);
    await button(credit, '发给居民确认').tap();
    await expect.poll(() => credit.getByText('等待居民确认').count(), POLL).toBe(1);
    await screenshot(operator.page, 'points-codes-asked');
    expect(await balanceOf(wang)).toBe(before);

    // Assess 1: the resident sees who asks for what, in words
    const ask = codePage.locator('.credit-ask');
    await expect
      .poll(() => ask.first().textContent(), POLL)
      .toContain(`${STATION} 刘芳 请求为您记积分：塑料瓶 1.75 公斤（约 35 分），确认？`);
    await screenshot(resident.page, 'points-codes-confirm');

    // Act 2
    await button(ask.first(), '确认记分').tap();

    // Assess 2: both phones say so, and the points are on her account once
    await expect.poll(() => codePage.getByText(/已确认，记 35 分/).count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText('居民已确认，已记分').count(), POLL).toBe(1);
    await expect.poll(() => credit.getByText('本次记 35 分').count(), POLL).toBe(1);
    expect(await balanceOf(wang)).toBe(before + 35);
    await screenshot(operator.page, 'points-codes-confirmed');
    await resident.context.close();
    await operator.context.close();
  });
});
