/**
 * The sweeps of every community (SLA, follow-up, contacts) resume where the last tick stopped:
 * `sweepCommunities` (functions/src/domain/feedback/sweep.ts) keeps a cursor per sweep
 * (data/sweep-cursors.ts). Against a table of its own in the stack's DynamoDB Local, with 60
 * communities (three pages of 25): a budget spent after one page makes the next tick carry on at
 * the second page, not the first; a series of ticks visits every community; a round that reaches
 * the end resets the cursor; a community whose own pass ran out is first in line next tick; a tick
 * that starts mid-way and is not cut short wraps round and visits each community once.
 */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { createCommunitiesRepository } from '../../functions/src/data/communities.js';
import { createFeedbackRepository } from '../../functions/src/data/feedback.js';
import { createMessagesRepository } from '../../functions/src/data/messages.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { createSweepCursorsRepository, sweepCursors } from '../../functions/src/data/sweep-cursors.js';
import { createUnitsRepository } from '../../functions/src/data/units.js';
import { createUsersRepository } from '../../functions/src/data/users.js';
import type { CommunityPass } from '../../functions/src/domain/feedback/sweep.js';
import { ensureTable } from '../../infra/local/create-table.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

const REGION = 'cn-north-1';
const tableName = `sweep-cursor-${randomUUID().slice(0, 8)}`;
// The sweep reads the configuration the handlers do (its logger); nothing here talks to WeChat.
Object.assign(process.env, {
  STAGE: 'local',
  TABLE_NAME: tableName,
  PHOTO_BUCKET: 'linli-photos',
  WECHAT_APP_ID: 'wx0000local0000linli',
  WECHAT_API_BASE: 'http://127.0.0.1:9',
  WECHAT_APP_SECRET: 'sweep-cursor',
  WECHAT_PUSH_SECRET: '{}',
  SESSION_KEY: 'sweep-cursor',
  ...Object.fromEntries(
    ['FEEDBACK_ACCEPTED', 'FEEDBACK_RESOLVED', 'FEEDBACK_REPLY', 'FEEDBACK_TASK', 'PICKUP_REMINDER'].map((n) => [
      `WECHAT_TEMPLATE_${n}`,
      'local',
    ]),
  ),
});
const { sweepCommunities, sweepFeedbackDeadlines } = await import('../../functions/src/domain/feedback/sweep.js');
const table = createTable({ tableName, region: REGION, endpoint: inject('dynamoEndpoint') });
const communities = createCommunitiesRepository(table);
const cursors = createSweepCursorsRepository(table);
const deps = { communities, sweepCursors: cursors };
const NOW = new Date('2026-12-06T02:00:00Z');
/** c-00 … c-59: the order `communities.list` gives them (one district, by id). */
const IDS = Array.from({ length: 60 }, (_, i) => `c-${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  await ensureTable(inject('dynamoEndpoint'), tableName, REGION);
  const demo = await createCommunitiesRepository(
    createTable({ tableName: inject('tableName'), region: REGION, endpoint: inject('dynamoEndpoint') }),
  ).get('chunhui');
  if (!demo) throw new Error('the demo community is missing');
  const empty = { estates: [], grids: [], buildings: [], stations: [] };
  for (const communityId of IDS) await communities.put({ ...demo, ...empty, communityId, name: `社区${communityId}` });
});

afterAll(async () => {
  const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: REGION });
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});

/** One tick of a sweep named `name`: the communities its pass saw, in order, and what it returned. */
async function tick(
  name: string,
  opts: { pages?: number; more?: (communityId: string) => boolean } = {},
): Promise<{ seen: string[]; more?: boolean }> {
  const seen: string[] = [];
  // Spent once this many pages' worth of communities were swept (the page in hand is finished first).
  const budget = { spent: () => opts.pages !== undefined && seen.length > 0 };
  const result = await sweepCommunities(deps, { name, what: 'Test sweep' }, NOW, budget, async (c) => {
    seen.push(c.communityId);
    return { changed: 0, failed: 0, more: opts.more?.(c.communityId) ?? false } satisfies CommunityPass;
  });
  return { seen, ...(result.more ? { more: true } : {}) };
}

const stored = async (sweep: string) =>
  (await table.doc.send(new GetCommand({ TableName: tableName, Key: sweepCursors.key({ sweep }) }))).Item;

describe('a sweep of every community within its budget', () => {
  it('carries on at the next page on the next tick, visits every community over the ticks, then starts over', async () => {
    const name = `paged-${randomUUID().slice(0, 8)}`;
    // Act 1: the budget is spent after the first page.
    const first = await tick(name, { pages: 1 });
    expect(first).toEqual({ seen: IDS.slice(0, 25), more: true });
    expect(await cursors.get(name)).toEqual(expect.any(String));

    // Act 2: the next tick carries on at the second page, not the first.
    const second = await tick(name, { pages: 1 });
    expect(second).toEqual({ seen: IDS.slice(25, 50), more: true });

    // Act 3: the last page; the round has reached the end, so the cursor goes back to the first page.
    const third = await tick(name, { pages: 1 });
    expect(third.seen).toEqual(IDS.slice(50));
    expect(new Set([...first.seen, ...second.seen, ...third.seen])).toEqual(new Set(IDS));
    expect(await cursors.get(name)).toBeUndefined();
    expect(sweepCursors.parse((await stored(name)) ?? {})).toEqual({
      sweep: name,
      cursor: null,
      savedAt: NOW.toISOString(),
    });

    // Act 4: the next round starts at the first page again.
    expect((await tick(name, { pages: 1 })).seen).toEqual(IDS.slice(0, 25));
  });

  it('keeps no cursor, and visits every community in order, when a tick is never cut short', async () => {
    const name = `whole-${randomUUID().slice(0, 8)}`;
    expect(await tick(name)).toEqual({ seen: IDS });
    expect(await stored(name)).toBeUndefined();
  });

  it('starts the next tick with a community whose own pass ran out', async () => {
    const name = `more-${randomUUID().slice(0, 8)}`;
    await tick(name, { pages: 1 });
    // c-31 (second page) stops within its own reports: the tick ends with that page, which stays next.
    const cut = await tick(name, { more: (id) => id === 'c-31' });
    expect(cut).toEqual({ seen: IDS.slice(25, 50), more: true });
    const next = await tick(name, { pages: 1 });
    expect(next.seen).toEqual(IDS.slice(25, 50));
    expect(next.seen).toContain('c-31');
  });

  it('wraps round from where it resumed and sweeps each community once when the tick lasts', async () => {
    const name = `wrap-${randomUUID().slice(0, 8)}`;
    await tick(name, { pages: 1 });
    const whole = await tick(name);
    // From the second page on, then the first: each community once, and the cursor is reset.
    expect(whole).toEqual({ seen: [...IDS.slice(25), ...IDS.slice(0, 25)] });
    expect(await cursors.get(name)).toBeUndefined();
    expect((await tick(name, { pages: 1 })).seen).toEqual(IDS.slice(0, 25));
  });

  it('is what the SLA sweep does: its cursor moves a page a tick and is reset after the last', async () => {
    const sla = {
      ...deps,
      feedback: createFeedbackRepository(table),
      messages: createMessagesRepository(table),
      users: createUsersRepository(table),
      units: createUnitsRepository(table),
      streets: createStreetsRepository(table),
    };
    // Spent from the start: nothing is due in these communities, so each tick ends after its first page.
    const budget = { spent: () => true };
    const positions: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await sweepFeedbackDeadlines(sla, NOW, budget);
      expect(result).toEqual({ changed: 0, more: true });
      positions.push(await cursors.get('feedback-sla'));
    }
    expect(positions[0]).toEqual(expect.any(String));
    expect(positions[1]).toEqual(expect.any(String));
    expect(positions[1]).not.toBe(positions[0]);
    expect(positions[2]).toBeUndefined();
  });
});
