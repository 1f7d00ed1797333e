/**
 * The street comparison and a community's drill-down over a year, for a
 * street of 20 communities with 12 months of roll-ups against the same for
 * a street whose communities have none: what a street's third year costs
 * against its first day. The roll-ups are written as the consumer leaves
 * them (a month of ~200 reports with its resolve-time histogram, 300 homes weighing in).
 */
import { createTable } from '../../functions/src/data/client.js';
import { createRollupsRepository, type RollupRecord } from '../../functions/src/data/rollups.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { createUsersRepository } from '../../functions/src/data/users.js';
import { monthsBetween } from '../../functions/src/domain/feedback/stats.js';
import { assertLocalEndpoint } from '../../infra/local/dynamodb-local.js';

type Measure = (run: () => Promise<void>, requests?: number) => Promise<{ rps: number; p50: number; p99: number }>;
type Figure = (name: string, value: string | number) => void;

const COMMUNITIES = 20;
const MONTHS = monthsBetween('2026-01', '2026-12');

function yearOf(streetId: string, communityId: string): RollupRecord[] {
  const feedback = (m: number): RollupRecord => ({
    streetId,
    communityId,
    part: 'feedback',
    month: MONTHS[m] as string,
    counters: {
      received: 200 + m,
      accepted: 198,
      resolved: 190,
      dropped: 4,
      escalated: 6,
      withDeadline: 185,
      onTime: 170,
      rated: 120,
      ratingSum: 540,
      ...Object.fromEntries(Array.from({ length: 30 }, (_, h) => [`h_${h * 10}`, 6])),
    },
    members: [],
  });
  const points = (m: number): RollupRecord => ({
    streetId,
    communityId,
    part: 'points',
    month: MONTHS[m] as string,
    counters: {
      issuedRecycling: 9000,
      issuedVolunteer: 1200,
      redeemed: 7000,
      g_cardboard: 400_000,
      g_metal_can: 90_000,
      participating: 300,
    },
    members: [],
  });
  const bulletins = (m: number): RollupRecord => ({
    streetId,
    communityId,
    part: 'bulletins',
    month: MONTHS[m] as string,
    counters: { notices: 4, wideNotices: 3, wideReads: 1500 },
    members: [],
  });
  return [
    ...MONTHS.flatMap((_, m) => [feedback(m), points(m), bulletins(m)]),
    { streetId, communityId, part: 'homes', counters: { homes: 800 }, members: [] },
  ];
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
  const communities = (prefix: string) =>
    Array.from({ length: COMMUNITIES }, (_, i) => ({ communityId: `${prefix}-c${i}`, name: `社区${i + 1}` }));
  for (const [streetId, filled] of [
    ['bench-year3', true],
    ['bench-day1', false],
  ] as const) {
    await streets.put({ streetId, name: streetId, district: '临江区', communities: communities(streetId) });
    if (filled) await rollups.replace(communities(streetId).flatMap((c) => yearOf(streetId, c.communityId)));
  }
  const userId = 'bench-street-admin';
  await createUsersRepository(table).putUserWithMemberships(
    { userId, nickname: '街道', createdAt: new Date().toISOString(), persona: 'bench-street' },
    [],
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

  const read = async (streetId: string, community?: string) => {
    const q = `from=${MONTHS[0]}&to=${MONTHS[MONTHS.length - 1]}${community ? `&communityId=${streetId}-${community}` : ''}`;
    const res = await fetch(`${stack.apiUrl}/v1/streets/${streetId}/figures?${q}`, { headers });
    if (res.status !== 200) throw new Error(`street figures answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { communities: unknown[] };
    return { body, calls: res.headers.get('x-linli-dynamodb-calls') ?? '?' };
  };
  // Each read twice, the second counted: the container remembers who the caller is, as a warm Lambda does.
  await read('bench-year3');
  const full = await read('bench-year3');
  if (full.body.communities.length !== COMMUNITIES) throw new Error('the street should compare 20 communities');
  figure('street_figures_round_trips', full.calls);
  await read('bench-year3', 'c3');
  figure('street_figures_drilldown_round_trips', (await read('bench-year3', 'c3')).calls);

  for (const [name, community] of [
    ['street_figures', undefined],
    ['community_figures', 'c3'],
  ] as const) {
    const year3 = await measure(async () => void (await read('bench-year3', community)), 300);
    const day1 = await measure(async () => void (await read('bench-day1', community)), 300);
    figure(`${name}_year3_p50_ms`, year3.p50.toFixed(1));
    figure(`${name}_day1_p50_ms`, day1.p50.toFixed(1));
    // Year three against day one: the goal is at most 1.5.
    figure(`${name}_ratio`, (year3.p50 / day1.p50).toFixed(2));
  }
}
