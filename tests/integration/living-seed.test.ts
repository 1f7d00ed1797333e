/**
 * The living demo district (`npm start` without --empty), seeded into tables
 * of its own in the stack's DynamoDB Local with a WeChat stand-in of its own:
 * the ledger and stock invariants hold on it, reports are in every state,
 * every bulletin kind is read, the leaderboard has entries, the same start
 * gives the same district, and seeding again doubles nothing. One community's
 * history keeps the test short; the planner and executor are the same as for six.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { BULLETIN_KINDS, shanghaiMonth } from '@linli/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWechatClient } from '../../functions/src/clients/wechat.js';
import { createTable } from '../../functions/src/data/client.js';
import { ensureTable } from '../../infra/local/create-table.js';
import { getFreePort } from '../../infra/local/ports.js';
import { demoRewards } from '../../infra/local/seed-data.js';
import { standInOpenid, startWechatStandIn, type WechatStandIn } from '../../infra/local/wechat-stand-in.js';

const APP_ID = 'wx0000local0000linli';
const SECRET = 'living-seed-secret';
const START = new Date('2026-12-03T08:00:00.000Z');
const COMMUNITY = 'xinghe';
type Item = Record<string, unknown>;

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

let wechat: WechatStandIn;
let seed: typeof import('../../infra/local/living-seed.js').seedLivingDistrict;

async function seeded(tableName: string, communities: readonly string[] | 'all' = [COMMUNITY]) {
  await ensureTable(inject('dynamoEndpoint'), tableName, 'cn-north-1');
  const table = createTable({ tableName, region: 'cn-north-1', endpoint: inject('dynamoEndpoint') });
  const result = await seed(table, {
    now: START,
    openidOf: (p) => standInOpenid(APP_ID, p),
    wechat: createWechatClient({ baseUrl: wechat.url, appId: APP_ID, appSecret: async () => SECRET }),
    photoStore: { endpoint: inject('photoStoreUrl'), bucket: 'linli-photos', region: 'cn-north-1' },
    sessionKey: randomBytes(16).toString('hex'),
    communityIds: communities === 'all' ? undefined : communities,
  });
  return { table, result };
}

async function scan(tableName: string): Promise<Item[]> {
  const doc = DynamoDBDocumentClient.from(
    createTable({ tableName, region: 'cn-north-1', endpoint: inject('dynamoEndpoint') }).doc,
  );
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey as Item | undefined;
  } while (start);
  return items;
}

const of = (items: Item[], pk: RegExp, sk: RegExp) =>
  items.filter((i) => pk.test(String(i.pk)) && sk.test(String(i.sk)));
const C = `COMM#${COMMUNITY}#`;

/** What the district holds, without the ids the domain draws at random: the same start must give the same. */
function fingerprint(items: Item[]) {
  const reports = of(items, new RegExp(`^${C}FB#`), /^REPORT$/).map((r) =>
    [
      r.createdAt,
      r.category,
      r.status,
      r.closure ?? null,
      r.breaches,
      r.escalated,
      (r.rating as { score?: number } | null)?.score ?? null,
    ].join('|'),
  );
  const accounts = of(items, new RegExp(`^${C}PTS#`), /^ACCOUNT$/).map((a) => `${a.userId}:${a.balance}:${a.seq}`);
  const stock = of(items, new RegExp(`^${C}REWARDS$`), /^STOCK#/).map((s) => `${s.sk}:${s.quantity}`);
  const bulletins = of(items, new RegExp(`^${C}BUL#`), /^BULLETIN$/).map(
    (b) => `${b.title}:${b.status}:${b.readCount}`,
  );
  return { reports: reports.sort(), accounts: accounts.sort(), stock: stock.sort(), bulletins: bulletins.sort() };
}

describe('the living demo district', () => {
  const first = `linli-living-${randomBytes(4).toString('hex')}`;
  const second = `linli-living-${randomBytes(4).toString('hex')}`;
  let items: Item[];

  beforeAll(async () => {
    wechat = await startWechatStandIn({
      port: await getFreePort(),
      appId: APP_ID,
      appSecret: SECRET,
      pushToken: 'linliLivingSeed',
      pushAesKey: 'a'.repeat(43),
      templates: {},
    });
    // The seed's domain functions read the configuration the handlers do; the stack's own values are not needed.
    Object.assign(process.env, {
      STAGE: 'local',
      TABLE_NAME: first,
      PHOTO_BUCKET: 'linli-photos',
      WECHAT_APP_ID: APP_ID,
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_SECRET: SECRET,
      WECHAT_PUSH_SECRET: '{}',
      SESSION_KEY: 'living-seed',
      ...Object.fromEntries(
        ['FEEDBACK_ACCEPTED', 'FEEDBACK_RESOLVED', 'FEEDBACK_REPLY', 'FEEDBACK_TASK', 'PICKUP_REMINDER'].map((n) => [
          `WECHAT_TEMPLATE_${n}`,
          'local',
        ]),
      ),
    });
    seed = (await import('../../infra/local/living-seed.js')).seedLivingDistrict;
    const { result } = await seeded(first);
    expect(result.seeded).toBe(true);
    items = await scan(first);
  }, 120_000);
  afterAll(() => wechat?.close());

  it('keeps every account equal to the sum of its ledger, never below zero, one effect per key', () => {
    const accounts = of(items, new RegExp(`^${C}PTS#`), /^ACCOUNT$/);
    expect(accounts.length).toBeGreaterThan(10);
    for (const a of accounts) {
      const ledger = of(items, new RegExp(`^${String(a.pk)}$`), /^LEDGER#/).sort(
        (x, y) => Number(x.seq) - Number(y.seq),
      );
      // In the order they were written (`seq`): an approved held weigh-in is dated at the weighing, written later.
      let running = 0;
      for (const e of ledger) {
        running += Number(e.points);
        expect(running).toBeGreaterThanOrEqual(0);
        expect(e.balanceAfter, `${e.sk} ${e.type} seq ${e.seq}`).toBe(running);
      }
      expect(a.balance, `${a.pk} balance`).toBe(running);
      expect(a.seq).toBe(ledger.length);
    }
    const refs = of(items, new RegExp(`^${C}PTS#`), /^LEDGER#/).map((e) => `${e.pk}:${e.type}:${e.ref}`);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('counts every weigh-in once for its building, some flagged as badly sorted, none of it naming a resident', () => {
    const counters = of(items, new RegExp(`^${C}SORTQ$`), /^MONTH#/);
    // A held weigh-in counted when it was held; approved, its entry (ref `credit:<held id>`) counts nothing more.
    const held = of(items, new RegExp(`^${C}HELD$`), /^CREDIT#/);
    const heldRefs = new Set(held.map((h) => `credit:${h.creditId}`));
    const credited = of(items, new RegExp(`^${C}PTS#`), /^LEDGER#/).filter(
      (e) => String(e.ref).startsWith('credit:') && !heldRefs.has(String(e.ref)),
    );
    const sum = (key: string) => counters.reduce((n, c) => n + Number(c[key] ?? 0), 0);
    expect(sum('weighed')).toBe(credited.length + held.length);
    expect(sum('flagged')).toBe(credited.filter((e) => e.sortFlag).length);
    expect(sum('flagged')).toBeGreaterThan(0);
    for (const c of counters) expect(Object.keys(c).filter((k) => /user|name|room|code/i.test(k))).toEqual([]);
  });

  it('conserves stock: the first quantity and every logged change, less what was taken and not given back', () => {
    const shelves = of(items, new RegExp(`^${C}REWARDS$`), /^STOCK#/);
    const redemptions = of(items, new RegExp(`^${C}RED#`), /^REDEMPTION$/);
    for (const shelf of shelves) {
      const [, rewardId, stationId] = String(shelf.sk).split('#');
      const logged = of(items, new RegExp(`^${C}STOCKLOG#${rewardId}$`), /./)
        .filter((l) => l.stationId === stationId)
        .reduce((s, l) => s + Number(l.delta), 0);
      const taken = redemptions
        .filter((r) => r.stationId === stationId && r.status !== 'cancelled')
        .flatMap((r) => r.items as { rewardId: string; quantity: number }[])
        .filter((i) => i.rewardId === rewardId)
        .reduce((s, i) => s + i.quantity, 0);
      const initial =
        demoRewards.find((r) => r.communityId === COMMUNITY && r.rewardId === rewardId)?.stock[stationId as string] ??
        0;
      expect(Number(shelf.quantity)).toBeGreaterThanOrEqual(0);
      expect(Number(shelf.quantity), String(shelf.sk)).toBe(initial + logged - taken);
    }
    expect(redemptions.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(redemptions.some((r) => r.status === 'cancelled')).toBe(true);
  });

  it('has reports in every state, overdue, escalated, auto-closed, followed up and reopened ones', () => {
    const reports = of(items, new RegExp(`^${C}FB#`), /^REPORT$/);
    const events = of(items, new RegExp(`^${C}FB#`), /^EVENT#/).map((e) => e.kind);
    const statuses = new Set(reports.map((r) => r.status));
    for (const s of [
      'submitted',
      'accepted',
      'dispatched',
      'in_progress',
      'resolved',
      'closed',
      'rejected',
      'withdrawn',
    ])
      expect(statuses, s).toContain(s);
    const closures = new Set(reports.map((r) => r.closure));
    for (const c of ['resident', 'auto', 'follow_up']) expect(closures, c).toContain(c);
    expect(reports.some((r) => r.overdue)).toBe(true);
    expect(reports.some((r) => r.escalated && r.breaches === 2)).toBe(true);
    const assignee = (r: Record<string, unknown>) => r.assignee as { kind?: string; unitId?: string } | null;
    // 部门报到: given to units with accounts; 吹哨: one waits on the street's desk, others went on to a unit.
    expect(reports.some((r) => assignee(r)?.kind === 'unit' && assignee(r)?.unitId)).toBe(true);
    expect(reports.some((r) => assignee(r)?.kind === 'street' && r.streetEscalatedAt)).toBe(true);
    expect(reports.some((r) => r.streetEscalatedAt && r.status === 'closed')).toBe(true);
    for (const k of [
      'overdue',
      'auto_escalated',
      'escalate',
      'whistle',
      'auto_confirmed',
      'follow_up',
      'reopen',
      'reaccepted',
    ])
      expect(events, k).toContain(k);
  });

  it('has every bulletin kind published with read receipts, and a newsletter issue', () => {
    const bulletins = of(items, new RegExp(`^${C}BUL#`), /^BULLETIN$/);
    for (const kind of BULLETIN_KINDS) {
      const published = bulletins.filter((b) => b.kind === kind && b.status === 'published');
      expect(published.length, kind).toBeGreaterThan(0);
      expect(published.every((b) => b.approverId && b.approverId !== b.authorId)).toBe(true);
      expect(
        published.some((b) => Number(b.readCount) > 0),
        kind,
      ).toBe(true);
    }
    expect(of(items, new RegExp(`^${C}ISSUES$`), /^ISSUE#/).length).toBe(1);
  });

  it('has street bulletins approved by the street’s second admin, read in the community, and one waiting for review', () => {
    const street = of(items, /^STREET#changhe#BUL#/, /^STREET_BULLETIN$/);
    expect(street.map((b) => b.status).sort()).toEqual(['published', 'published', 'submitted']);
    for (const b of street.filter((x) => x.status === 'published'))
      expect([b.authorId, b.approverId]).toEqual(['demo-street-qian', 'demo-street2-wu']);
    const copies = of(items, new RegExp(`^${C}BUL#`), /^BULLETIN$/).filter((b) => b.origin);
    expect(copies.length).toBe(2);
    expect(copies.every((b) => b.status === 'published')).toBe(true);
    expect(copies.some((b) => Number(b.readCount) > 0)).toBe(true);
  });

  it('shows this month on the leaderboard', () => {
    const optIns = items.filter((i) => String(i.sk) === `LEADERBOARD#${COMMUNITY}`).map((i) => i.userId);
    const month = shanghaiMonth(START);
    const earned = of(items, new RegExp(`^${C}PTS#`), new RegExp(`^MONTH#${month}$`)).filter((m) =>
      optIns.includes(String(m.pk).split('#').pop()),
    );
    expect(earned.filter((m) => Number(m.earned) > 0).length).toBeGreaterThan(0);
  });

  it('gives the same district for the same start, and seeding again adds nothing', async () => {
    const again = await seeded(first);
    expect(again.result.seeded).toBe(false);
    expect((await scan(first)).length).toBe(items.length);
    await seeded(second);
    expect(fingerprint(await scan(second))).toEqual(fingerprint(items));
  }, 120_000);

  it('carries out the whole district as `npm start` does, every community’s history without a refusal', async () => {
    // Six histories interleave with their street's (吹哨, street bulletins): a step the domain refuses fails here.
    const { result } = await seeded(`living-all-${randomBytes(4).toString('hex')}`, 'all');
    expect(result).toMatchObject({ seeded: true });
    expect(result.events).toBeGreaterThan(2000);
  }, 300_000);
});
