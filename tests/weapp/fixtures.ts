/**
 * API answers shared by the weapp page tests, keyed by route: 赵建华 (admin), 春晖社区,
 * 王秀英's approved home there, and 赵建华's water notice waiting for review. Each is parsed with its route's response
 * schema when loaded, so a fixture that drifts from the API fails every test
 * that uses it.
 */
import type { CallOutput } from '@linli/shared';
import { defaultCommunitySettings } from '@linli/shared/rules';
import type * as z from 'zod';
import { type RouteKey, routes } from '../../functions/src/routes.js';

type Routes = typeof routes;
type Fixtures = { [K in RouteKey]?: z.input<Routes[K]['response']> };
type Checked<F> = { [K in keyof F & RouteKey]: CallOutput<Routes[K]> };

/** Each fixture as its route's response schema reads it; one that does not fit throws, naming the route and field. */
export function checkedFixtures<const F extends Fixtures>(fixtures: F): Checked<F> {
  const checked: Record<string, unknown> = {};
  for (const [key, body] of Object.entries(fixtures)) {
    const spec = routes[key as RouteKey];
    if (!spec) throw new Error(`fixture ${key}: no such route`);
    const parsed = spec.response.safeParse(body);
    if (!parsed.success)
      throw new Error(
        `fixture ${key} does not match its response schema: ${parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ')}`,
      );
    checked[key] = parsed.data;
  }
  return checked as Checked<F>;
}

export const FIXTURES = checkedFixtures({
  // 赵建华, admin of 春晖社区, as `GET /v1/me` answers him.
  'GET /v1/me': {
    user: { userId: 'u-zhao', nickname: '赵建华', createdAt: '2026-11-01T00:00:00Z' },
    memberships: [
      {
        communityId: 'chunhui',
        communityName: '春晖社区',
        roles: ['admin'],
        gridIds: [],
        stationIds: [],
        household: null,
      },
    ],
    streets: [],
    units: [],
    households: [],
  },
  'GET /v1/communities/{communityId}': {
    communityId: 'chunhui',
    name: '春晖社区',
    district: '临江区',
    street: '长河街道',
    estates: [{ estateId: 'chunhui-yuan', name: '春晖苑' }],
    grids: [{ gridId: 'chunhui-g1', estateId: 'chunhui-yuan', name: '第一网格' }],
    buildings: [{ buildingId: 'chy-b3', estateId: 'chunhui-yuan', gridId: 'chunhui-g1', name: '3幢', units: 3 }],
    stations: [],
    settings: defaultCommunitySettings(),
  },
  'POST /v1/communities/{communityId}/households/{householdId}/approve': {
    householdId: 'h-wang',
    communityId: 'chunhui',
    userId: 'u-wang',
    applicantName: '王秀英',
    estateId: 'chunhui-yuan',
    buildingId: 'chy-b3',
    unit: 2,
    room: '502',
    relation: 'owner',
    address: '春晖苑 3幢 2单元 502',
    status: 'approved',
    requestedAt: '2026-11-01T00:00:00.000Z',
    decidedAt: '2026-11-02T00:00:00.000Z',
    decidedBy: 'u-admin',
    rejectReason: null,
    decisions: [
      { action: 'approve', actionLabel: '审核通过', byName: '赵建华', at: '2026-11-02T00:00:00.000Z', reason: null },
    ],
  },
  // 赵建华's own notice, submitted: as the server answers him, he may edit or withdraw it (not approve it).
  'GET /v1/communities/{communityId}/bulletins/{bulletinId}': {
    bulletinId: 'b-water',
    communityId: 'chunhui',
    title: '春晖苑周六停水通知',
    kind: 'notice',
    kindLabel: '通知',
    coverUrl: null,
    coverKey: null,
    blocks: [{ type: 'paragraph', inlines: [{ text: '周六 9:00–15:00 全区停水。' }] }],
    source: '周六 9:00–15:00 全区停水。',
    audience: { type: 'community' },
    important: false,
    pinned: false,
    publishAt: null,
    publishedAt: null,
    status: 'submitted',
    statusLabel: '待审核',
    revision: 1,
    version: 2,
    authorName: '赵建华',
    approverName: null,
    rejectReason: null,
    decisions: [],
    allowedActions: ['edit', 'withdraw'],
    readCount: 0,
    readByMe: false,
    activityId: null,
    issueId: null,
    createdAt: '2026-11-23T00:00:00.000Z',
    updatedAt: '2026-11-23T01:00:00.000Z',
  },
});

/** 春晖社区 with one estate, grid and building. */
/** 赵建华 (admin) signed in. */
export const ADMIN_ME = FIXTURES['GET /v1/me'];

export const COMMUNITY = FIXTURES['GET /v1/communities/{communityId}'];
/** 王秀英's home, approved. */
export const HOUSEHOLD = FIXTURES['POST /v1/communities/{communityId}/households/{householdId}/approve'];
/** 赵建华's water notice, submitted for review; he may edit (back to draft) or withdraw it. */
export const SUBMITTED_BULLETIN = FIXTURES['GET /v1/communities/{communityId}/bulletins/{bulletinId}'];
