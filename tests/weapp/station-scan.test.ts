// @vitest-environment jsdom
/**
 * The station's 扫码 in the real weapp build: the button calls wx.scanCode
 * for QR codes and barcodes, and a code it reads goes to the server at once
 * (兑换发放), or once weighed (称重记积分); something that is not a code is
 * said so and nothing is sent. The browser's camera decoder never ships in
 * the weapp build.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeCode } from '@linli/shared/rules';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMUNITY } from './fixtures';
import {
  nodesOf,
  type RenderedPage,
  renderPage,
  signedIn,
  tap,
  tappable,
  textOf,
  typeInto,
  WEAPP_DIR,
  waitFor,
} from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const STATION = { stationId: 'chy-s1', estateId: 'chunhui-yuan', name: '春晖服务站', address: '春晖苑 1幢 底楼' };
const digit = () => Math.floor(Math.random() * 10);

const OPERATOR = {
  user: { userId: 'u-liu', nickname: '刘芳', createdAt: '2026-11-01T00:00:00Z' },
  memberships: [
    {
      communityId: 'chunhui',
      communityName: '春晖社区',
      roles: ['station_operator'],
      gridIds: [],
      stationIds: [STATION.stationId],
      household: null,
    },
  ],
  households: [],
};

const FULFILLED = {
  redemptionId: 'rd-1',
  communityId: 'chunhui',
  residentName: '王*英',
  stationId: STATION.stationId,
  stationName: STATION.name,
  items: [{ rewardId: 'r-soap', name: '洗衣皂', quantity: 1, pointsCost: 20 }],
  totalPoints: 20,
  status: 'fulfilled',
  statusLabel: '已领取',
  pickupCode: null,
  createdAt: '2026-12-06T01:00:00.000Z',
  windowClosesAt: '2026-12-06T09:00:00.000Z',
  fulfilledAt: '2026-12-06T02:00:00.000Z',
  cancelledAt: null,
  cancelReason: null,
};

const CREDITED = {
  creditId: 'c-1',
  status: 'credited',
  points: 30,
  capped: false,
  lines: [{ material: 'plastic_bottle', label: '塑料瓶', grams: 1500, points: 30, outlier: false }],
  resident: { maskedName: '王*英' },
  balance: 130,
};

/** A signed-in operator; the API answers from `routes`, wx.scanCode with `scanned`. */
function operatorWith(routes: (method: string, path: string, body: unknown) => unknown, scanned: string) {
  const posts: { path: string; body: unknown }[] = [];
  const recorder = signedIn({
    user: OPERATOR.user,
    routes: (method, path, body) => {
      if (method === 'POST') posts.push({ path, body });
      if (path === '/v1/me') return OPERATOR;
      if (path === '/v1/communities/chunhui') return { ...COMMUNITY, stations: [STATION] };
      return routes(method, path, body);
    },
    respond: (api) => (api === 'scanCode' ? { result: scanned, scanType: 'QR_CODE', charSet: 'utf-8' } : undefined),
  });
  recorder.calls.length = 0;
  return { recorder, posts };
}

/** The NutUI button whose whole text is `label`, once it is drawn. */
const button = (p: RenderedPage, label: string) =>
  waitFor(() => {
    const node = nodesOf(p)
      .filter((n) => String(n.cl ?? '').includes('nut-button') && textOf(n).trim() === label)
      .at(-1);
    if (!node) throw new Error(`no button “${label}” on the page`);
    return node;
  });

const bodyOf = (data: unknown) => (typeof data === 'string' ? JSON.parse(data) : data);

describe('兑换发放 in WeChat', () => {
  it('扫码 calls wx.scanCode for QR codes and barcodes and hands over the scanned pickup code at once', async () => {
    // Prepare: a reservation's pickup code on the resident's phone
    const pickupCode = makeCode('pickup', digit);
    const { recorder, posts } = operatorWith((method, path) => {
      if (path === `/v1/communities/chunhui/stations/${STATION.stationId}/redemptions`)
        return { items: [], cursor: null };
      if (method === 'POST' && path === '/v1/communities/chunhui/redemptions/fulfil') return FULFILLED;
      return undefined;
    }, pickupCode);
    const p = await renderPage('packages/station/fulfil/index', { communityId: 'chunhui' });
    page = p;
    await waitFor(() => expect(p.dom.textContent).toContain('居民的领取码'));

    // Act
    tap(p, await button(p, '扫码'));

    // Assess: the camera was asked for both kinds of code; the code went out as scanned; the handover shows
    await waitFor(() => expect(p.dom.textContent).toContain('已核销'));
    const scans = recorder.calls.filter((c) => c.api === 'scanCode');
    expect(scans).toHaveLength(1);
    expect(scans[0]?.options).toMatchObject({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] });
    expect(posts.map((p) => [p.path, bodyOf(p.body)])).toEqual([
      ['/v1/communities/chunhui/redemptions/fulfil', { pickupCode, stationId: STATION.stationId }],
    ]);
    expect(page.dom.textContent).toContain('已核销');
  });

  it('says so when what was scanned is not a pickup code, and sends nothing', async () => {
    const { posts } = operatorWith(
      (_method, path) => {
        if (path === `/v1/communities/chunhui/stations/${STATION.stationId}/redemptions`)
          return { items: [], cursor: null };
        return undefined;
      },
      makeCode('member', digit),
    );
    const p = await renderPage('packages/station/fulfil/index', { communityId: 'chunhui' });
    page = p;

    tap(p, await button(p, '扫码'));

    await waitFor(() => expect(p.dom.textContent).toContain('扫到的不是领取码'));
    expect(page.dom.textContent).toContain('这是积分码');
    expect(posts).toEqual([]);
  });
});

describe('称重记积分 in WeChat', () => {
  it('after weighing, 扫码 reads the member code and credits the weigh-in at once', async () => {
    // Prepare: 1.5 kg of bottles on the scale
    const memberCode = makeCode('member', digit);
    const { recorder, posts } = operatorWith((method, path) => {
      if (method === 'POST' && path === '/v1/communities/chunhui/points/credits') return CREDITED;
      return undefined;
    }, memberCode);
    const p = await renderPage('packages/station/credit/index', { communityId: 'chunhui' });
    page = p;
    tap(p, await waitFor(() => tappable(p, '塑料瓶', 'chip')));
    const kg = () => {
      const node = nodesOf(p).find((n) => String(n.cl ?? '').includes('weigh-line__kg'));
      if (!node) throw new Error('no weight field on the weigh-in page');
      return node;
    };
    await typeInto(p, kg, '1.5');

    // Act
    tap(p, await button(p, '扫码'));

    // Assess
    await waitFor(() => expect(p.dom.textContent).toContain('记分成功'));
    expect(recorder.calls.filter((c) => c.api === 'scanCode')).toHaveLength(1);
    expect(posts.map((p) => [p.path, bodyOf(p.body)])).toEqual([
      [
        '/v1/communities/chunhui/points/credits',
        { memberCode, stationId: STATION.stationId, lines: [{ material: 'plastic_bottle', grams: 1500 }] },
      ],
    ]);
    expect(page.dom.textContent).toContain('记分成功');
  });
});

describe('the camera decoder of the browser build', () => {
  it('is nowhere in the weapp build', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (
          name.endsWith('.js') &&
          /BrowserMultiFormatReader|decodeFromConstraints|@zxing/.test(readFileSync(path, 'utf8'))
        )
          found.push(path);
      }
    };
    walk(WEAPP_DIR);
    expect(found).toEqual([]);
  });
});
