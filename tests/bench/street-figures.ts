/**
 * The street comparison, a community's drill-down and the community admin's
 * own figures over a year, for a street of 20 communities with 12 months of
 * roll-ups against the same for a street whose communities have none: what
 * a street's third year costs against its first day. The roll-ups are
 * written as the consumer leaves them (a month of ~200 reports over 8
 * categories, 4 grids and 2 units with its resolve-time histogram, 300
 * homes of 12 buildings weighing in).
 */
import { defaultCommunitySettings } from '@linli/shared';
import { createTable } from '../../functions/src/data/client.js';
import { createCommunitiesRepository } from '../../functions/src/data/communities.js';
import {
  createRollupsRepository,
  type RollupRecord,
  type Sections,
  streetSlot,
  toStreet,
} from '../../functions/src/data/rollups.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { createUsersRepository } from '../../functions/src/data/users.js';
import { monthsBetween } from '../../functions/src/domain/feedback/stats.js';
import { assertLocalEndpoint } from '../../infra/local/dynamodb-local.js';

type Measure = (run: () => Promise<void>, requests?: number) => Promise<{ rps: number; p50: number; p99: number }>;
type Figure = (name: string, value: string | number) => void;

const COMMUNITIES = 20;
const MONTHS = monthsBetween('2026-01', '2026-12');
const CATEGORIES = ['leak', 'drain', 'ebike_charging', 'parking', 'pets', 'noise', 'sanitation', 'other'];

function feedbackCounters(m: number, share = 1) {
  const n = (v: number) => Math.max(1, Math.round(v * share));
  return {
    received: n(200 + m),
    accepted: n(198),
    resolved: n(190),
    dropped: n(4),
    escalated: n(6),
    withDeadline: n(185),
    onTime: n(170),
    rated: n(120),
    ratingSum: n(540),
    ratedResident: n(100),
    ratingSumResident: n(450),
    ratedFollowUp: n(20),
    ratingSumFollowUp: n(90),
    autoConfirmed: n(30),
    ...Object.fromEntries(Array.from({ length: 30 }, (_, h) => [`h_${h * 10 + 5}`, n(6)])),
  };
}

/** One community's year: its months with every dimension, and its homes now. */
function yearOf(communityId: string): RollupRecord[] {
  const month = (m: number): RollupRecord => {
    const sections: Sections = {
      feedback: feedbackCounters(m),
      ...Object.fromEntries(CATEGORIES.map((c) => [`feedback.cat.${c}`, feedbackCounters(m, 1 / 8)])),
      ...Object.fromEntries(
        [1, 2, 3, 4].map((g) => [`feedback.grid.${communityId}-g${g}`, feedbackCounters(m, 1 / 4)]),
      ),
      'feedback.unit.id:water': feedbackCounters(m, 1 / 20),
      'feedback.unit.id:school': feedbackCounters(m, 1 / 40),
      points: {
        issuedRecycling: 9000,
        issuedVolunteer: 1200,
        redeemed: 7000,
        g_cardboard: 400_000,
        g_metal_can: 90_000,
        g_plastic_bottle: 60_000,
        participating: 300,
      },
      ...Object.fromEntries(
        Array.from({ length: 12 }, (_, b) => [`points.bld.${communityId}-b${b}`, { households: 25 }]),
      ),
      bulletins: { notices: 4, wideNotices: 3, wideReads: 1500 },
    };
    const labels = {
      ...Object.fromEntries(CATEGORIES.map((c) => [`feedback.cat.${c}`, c])),
      'feedback.unit.id:water': '水务集团',
      'feedback.unit.id:school': '长河小学',
    };
    return { scope: 'community', id: communityId, slot: MONTHS[m] as string, sections, labels };
  };
  return [
    ...MONTHS.map((_, m) => month(m)),
    { scope: 'community', id: communityId, slot: 'HOMES', sections: { homes: { homes: 800 } }, labels: {} },
  ];
}

/** The street's roll-ups: a year (and its homes now) holds its communities' headline sections. */
function streetOf(streetId: string, records: readonly RollupRecord[]): RollupRecord[] {
  const slots = new Map<string, Sections>();
  for (const r of records)
    slots.set(streetSlot(r.slot), { ...slots.get(streetSlot(r.slot)), ...toStreet(r.id, r.slot, r.sections) });
  return [...slots].map(([slot, sections]) => ({ scope: 'street', id: streetId, slot, sections, labels: {} }));
}

export async function streetFiguresBenchmark(
  stack: { apiUrl: string; dynamoEndpoint: string; tableName: string },
  measure: Measure,
  figure: Figure,
) {
  assertLocalEndpoint(stack.dynamoEndpoint);
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';
  const table = createTable({ tableName: stack.tableName, region: 'cn-north-1', endpoint: stack.dynamoEndpoint });
  const streets = createStreetsRepository(table);
  const rollups = createRollupsRepository(table);
  const communityRepo = createCommunitiesRepository(table);
  const communities = (prefix: string) =>
    Array.from({ length: COMMUNITIES }, (_, i) => ({ communityId: `${prefix}-c${i}`, name: `社区${i + 1}` }));
  for (const [streetId, filled] of [
    ['bench-year3', true],
    ['bench-day1', false],
  ] as const) {
    await streets.put({ streetId, name: streetId, district: '临江区', communities: communities(streetId) });
    if (filled) {
      const year = communities(streetId).flatMap((c) => yearOf(c.communityId));
      await rollups.replace([...year, ...streetOf(streetId, year)]);
    }
    // The community the admin reads its own figures of.
    await communityRepo.put({
      communityId: `${streetId}-c3`,
      name: '社区4',
      district: '临江区',
      street: streetId,
      streetId,
      estates: [{ estateId: `${streetId}-e1`, name: '长河苑' }],
      grids: [1, 2, 3, 4].map((g) => ({
        gridId: `${streetId}-c3-g${g}`,
        estateId: `${streetId}-e1`,
        name: `第${g}网格`,
      })),
      buildings: Array.from({ length: 12 }, (_, b) => ({
        buildingId: `${streetId}-c3-b${b}`,
        estateId: `${streetId}-e1`,
        gridId: `${streetId}-c3-g1`,
        name: `${b + 1}幢`,
        units: 2,
      })),
      stations: [],
      settings: defaultCommunitySettings(),
    });
  }
  const userId = 'bench-street-admin';
  await createUsersRepository(table).putUserWithMemberships(
    { userId, nickname: '街道', createdAt: new Date().toISOString(), persona: 'bench-street' },
    ['bench-year3', 'bench-day1'].map((streetId) => ({
      userId,
      communityId: `${streetId}-c3`,
      communityName: '社区4',
      roles: ['admin' as const],
      gridIds: [],
      stationIds: [],
      householdId: null,
      home: null,
    })),
  );
  for (const streetId of ['bench-year3', 'bench-day1'])
    await streets.putMembership({ userId, streetId, streetName: streetId, roles: ['street_admin'] });
  const signIn = await fetch(`${stack.apiUrl}/v1/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: 'bench-street' }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };

  const get = async (path: string) => {
    const res = await fetch(`${stack.apiUrl}${path}`, { headers });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return {
      body: (await res.json()) as Record<string, unknown[]>,
      calls: res.headers.get('x-linli-dynamodb-calls') ?? '?',
    };
  };
  const range = `from=${MONTHS[0]}&to=${MONTHS[MONTHS.length - 1]}`;
  const reads = {
    street_figures: (streetId: string) => get(`/v1/streets/${streetId}/figures?${range}`),
    community_figures: (streetId: string) => get(`/v1/streets/${streetId}/figures?${range}&communityId=${streetId}-c3`),
    admin_feedback_figures: (streetId: string) => get(`/v1/communities/${streetId}-c3/stats/feedback?${range}`),
    admin_points_figures: (streetId: string) => get(`/v1/communities/${streetId}-c3/stats/points?${range}`),
  };
  // Each read twice, the second counted: the container remembers who the caller is, as a warm Lambda does.
  for (const [name, read] of Object.entries(reads)) {
    await read('bench-year3');
    const full = await read('bench-year3');
    if (name === 'street_figures' && full.body.communities?.length !== COMMUNITIES)
      throw new Error('the street should compare 20 communities');
    if (name === 'admin_feedback_figures' && (full.body.byCategory?.length ?? 0) !== CATEGORIES.length)
      throw new Error('the admin figures should have every category');
    figure(`${name}_round_trips`, full.calls);
  }
  for (const [name, read] of Object.entries(reads)) {
    const year3 = await measure(async () => void (await read('bench-year3')), 300);
    const day1 = await measure(async () => void (await read('bench-day1')), 300);
    figure(`${name}_year3_p50_ms`, year3.p50.toFixed(1));
    figure(`${name}_day1_p50_ms`, day1.p50.toFixed(1));
    // Year three against day one: the goal is at most 1.5.
    figure(`${name}_ratio`, (year3.p50 / day1.p50).toFixed(2));
  }
}
