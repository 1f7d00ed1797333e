// @vitest-environment jsdom
/**
 * 街道工作台 in the real weapp build: the street subpackage and its two pages, the dashboard's Chinese title and
 * comparison for a street admin who belongs to no community, and 我的 for that person with its entry (the app
 * launches once per file, signed in).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkedFixtures } from './fixtures';
import { nodesOf, type RenderedPage, readAppJson, renderPage, signedIn, textOf, WEAPP_DIR, waitFor } from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const figures = (communityId: string, name: string, received: number) => ({
  communityId,
  name,
  households: 100,
  feedback: {
    received,
    resolved: 1,
    rectificationRate: 0.5,
    onTimeRate: null,
    medianHoursToResolve: 3,
    averageSatisfaction: 4.5,
    escalated: 0,
  },
  points: {
    kgByMaterial: [],
    totalKg: 12,
    kgPerHousehold: 0.12,
    participatingHouseholds: 10,
    participationRate: 0.1,
    issued: 120,
    redeemed: 30,
  },
  bulletins: { importantNotices: 1, readRate: 0.75 },
});

const F = checkedFixtures({
  'GET /v1/me': {
    user: { userId: 'u-qian', nickname: '钱志远', createdAt: '2026-11-01T00:00:00Z' },
    memberships: [],
    streets: [{ streetId: 'changhe', streetName: '长河街道', roles: ['street_admin'] }],
    units: [],
    households: [],
  },
  'GET /v1/streets/{streetId}/figures': {
    streetId: 'changhe',
    name: '长河街道',
    district: '临江区',
    from: '2026-07',
    to: '2026-12',
    generatedAt: '2026-12-03T08:00:00.000Z',
    communities: [figures('chunhui', '春晖社区', 5), figures('fengqiao', '枫桥社区', 2)],
    byMonth: [
      { month: '2026-12', communities: [figures('chunhui', '春晖社区', 5), figures('fengqiao', '枫桥社区', 2)] },
    ],
  },
});

function streetAdmin() {
  return signedIn({
    user: F['GET /v1/me'].user,
    routes: (method, path) => {
      if (path === '/v1/me') return F['GET /v1/me'];
      if (method === 'GET' && path === '/v1/streets/changhe/figures') return F['GET /v1/streets/{streetId}/figures'];
      if (path === '/v1/me/messages') return { items: [], cursor: null, unread: 0 };
      return undefined;
    },
  });
}

describe('the street subpackage in the build', () => {
  it('declares packages/street with the dashboard, the community page, 吹哨案件 and 街道公告, each built', () => {
    const sub = readAppJson().subPackages?.find((p) => p.name === 'street');
    expect(sub).toEqual({
      root: 'packages/street',
      name: 'street',
      pages: [
        'dashboard/index',
        'community/index',
        'escalations/index',
        'units/index',
        'bulletins/index',
        'bulletin-edit/index',
        'bulletin/index',
      ],
    });
    for (const route of sub?.pages ?? [])
      expect(readdirSync(join(WEAPP_DIR, 'packages/street', route, '..'))).toContain('index.js');
  });

  it('shows a street admin with no community both communities, with rates as percentages and no figure as —', async () => {
    streetAdmin();
    const dashboard = await renderPage('packages/street/dashboard/index', { streetId: 'changhe' });
    page = dashboard;
    const data = dashboard.data() as { navigationBar?: Record<string, unknown> };
    expect(Object.values(data.navigationBar ?? {})).toContain('街道工作台');
    await waitFor(() => expect(dashboard.dom.textContent).toContain('枫桥社区'));
    const text = dashboard.dom.textContent ?? '';
    expect(text).toContain('长河街道各社区对比');
    expect(text).toContain('春晖社区');
    expect(text).toContain('50%');
    expect(text).toContain('—');
    expect(text).toContain('复制 CSV 到剪贴板');
  });

  it('gives a street admin with no community a working 我的 with the 街道工作台 entry', async () => {
    streetAdmin();
    const mine = await renderPage('pages/mine/index');
    page = mine;
    await waitFor(() =>
      expect(nodesOf(mine).some((n) => String(n.cl ?? '').includes('entry-street-dashboard'))).toBe(true),
    );
    const text = nodesOf(mine).map(textOf).join(' ');
    expect(text).toContain('街道管理员');
    expect(text).not.toContain('房屋绑定通过后');
  });
});
