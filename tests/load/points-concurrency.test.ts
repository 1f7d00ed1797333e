/**
 * The ledger rules under load: 600+ concurrent credits, reservations,
 * cancellations and retried duplicates against one stack of its own, then
 * every invariant checked for every account and every shelf: balance = Σ
 * ledger, and each entry's balanceAfter = the running Σ in time order; one
 * effect per Idempotency-Key; stock conservation; no 500 anywhere.
 *
 * It runs twice: project `load`, and project `load-faults`, whose stack's
 * DynamoDB client conflicts, throttles and loses answers (LINLI_FAULTS in
 * vitest.config.ts). Each answer says which faults its request met
 * (`x-linli-dynamodb-faults`), so the second run shows it really was faulted.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { earnedByResident, type LedgerType } from '@linli/shared';
import { describe, expect, inject, it } from 'vitest';
import { assertLocalEndpoint } from '../../infra/local/dynamodb-local.js';
import { demoRewards } from '../../infra/local/seed-data.js';
import { call, newKey, signIn } from '../support/api.js';
import { earn } from '../support/points.js';
import { newResident, openExchangeAllDay } from '../support/residents.js';

const C = '/v1/communities/chunhui';
/** The second run (project load-faults) injects DynamoDB's conflicts, throttles and lost answers. */
const FAULTS = Boolean(process.env.LINLI_FAULTS);
const RESIDENTS = 20;
const ALLOWED = new Set([200, 201, 409, 422]);
/** How often one request is sent in all, as the app does for a 503 BUSY, with room for a loaded machine. */
const ATTEMPTS = 6;

function table() {
  const endpoint = inject('dynamoEndpoint');
  assertLocalEndpoint(endpoint);
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
    }),
  );
}

async function all(input: Record<string, unknown>) {
  const doc = table();
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({ TableName: inject('tableName'), ...input, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

// biome-ignore lint/suspicious/noExplicitAny: responses are inspected field by field
type Res = { status: number; body: any };

/** Every answer the load got, the 503s sent again included, with the faults its request met on the way. */
const answers: { status: number; code?: string; retryAfter: string | null; faults: string[] }[] = [];

/** `throttle:Query*2,timeout:TransactWriteItems` (functions/src/data/round-trips.ts), repeats unfolded. */
const faultsOf = (header: string | null) =>
  (header ?? '')
    .split(',')
    .filter(Boolean)
    .flatMap((f) => {
      const [name = '', times = '1'] = f.split('*');
      return Array.from({ length: Number(times) }, () => name);
    });

/** As the app sends: a 503 BUSY goes again after its Retry-After, with the same Idempotency-Key. */
async function send(method: string, path: string, opts: Parameters<typeof call>[2]): Promise<Res> {
  for (let attempt = 1; ; attempt++) {
    const res = await call(method, path, opts);
    const retryAfter = res.headers.get('retry-after');
    answers.push({
      status: res.status,
      code: res.body?.error?.code,
      retryAfter,
      faults: faultsOf(res.headers.get('x-linli-dynamodb-faults')),
    });
    if (res.status !== 503 || attempt >= ATTEMPTS) return res;
    await new Promise((resolve) => setTimeout(resolve, Number(retryAfter ?? 1) * 1000));
  }
}

describe(
  FAULTS ? 'points under concurrent load, with DynamoDB’s faults injected' : 'points under concurrent load',
  () => {
    it('never loses, doubles or overspends a point, and never empties a shelf twice', async () => {
      // Prepare: residents with 100 points each (a towel's worth, so the 5 towels at 翠竹 run out whatever the order), the counter open.
      await openExchangeAllDay();
      const residents = [];
      for (let i = 0; i < RESIDENTS; i++) residents.push(await newResident(`chy-b${(i % 6) + 1}`));
      await Promise.all(residents.map((r) => earn(r.token, 10_000)));
      const operator = await signIn('operator-liu');

      // Act: everything at once.
      const credits: { key: string; results: Res[] }[] = [];
      const reservations: { key: string; results: Res[]; cancels: Res[] }[] = [];
      const work: Promise<unknown>[] = [];
      for (const r of residents) {
        for (let i = 0; i < 8; i++) {
          const key = newKey();
          const entry = { key, results: [] as Res[] };
          credits.push(entry);
          work.push(
            (async () => {
              const code = (await send('GET', `${C}/points/me/code`, { token: r.token })).body.code;
              const body = {
                memberCode: code,
                stationId: 'chunhui-center',
                lines: [{ material: 'metal_can', grams: 500 + i * 100 }],
              };
              entry.results = await Promise.all(
                [1, 2].map(() => send('POST', `${C}/points/credits`, { token: operator, idempotencyKey: key, body })),
              );
            })(),
          );
        }
        for (let i = 0; i < 6; i++) {
          const key = newKey();
          const entry = { key, results: [] as Res[], cancels: [] as Res[] };
          reservations.push(entry);
          const items =
            i % 3 === 0
              ? [{ rewardId: 'towel', quantity: 1 }]
              : i % 3 === 1
                ? [{ rewardId: 'dish-soap', quantity: 1 }]
                : [{ rewardId: 'garbage-bags', quantity: 1 }];
          const stationId = i % 2 === 0 ? 'cuizhu-point' : 'chunhui-center';
          work.push(
            (async () => {
              entry.results = await Promise.all(
                [1, 2].map(() =>
                  send('POST', `${C}/redemptions`, { token: r.token, idempotencyKey: key, body: { stationId, items } }),
                ),
              );
              const made = entry.results.find((x) => x.status === 201);
              if (made && i % 2 === 1) {
                const cancelKey = newKey();
                entry.cancels = await Promise.all(
                  [1, 2].map(() =>
                    send('POST', `${C}/redemptions/${made.body.redemptionId}/cancel`, {
                      token: r.token,
                      idempotencyKey: cancelKey,
                      body: {},
                    }),
                  ),
                );
              }
            })(),
          );
        }
      }
      await Promise.all(work);

      // Assess: the requests themselves.
      const requests = [
        ...credits.flatMap((c) => c.results),
        ...reservations.flatMap((r) => [...r.results, ...r.cancels]),
      ];
      expect(requests.length).toBeGreaterThanOrEqual(500);
      expect(requests.filter((r) => !ALLOWED.has(r.status)).map((r) => r.body)).toEqual([]);
      // On the way, nothing but those and "busy, send it again" (a contended transaction, a throttle after the
      // SDK's retries, a lost answer, or no time left): never a 500.
      const busy = answers.filter((a) => a.status === 503);
      expect(answers.filter((a) => !ALLOWED.has(a.status) && a.status !== 503)).toEqual([]);
      expect(busy.filter((a) => a.code !== 'BUSY' || !/^\d+$/.test(a.retryAfter ?? ''))).toEqual([]);
      // The faulted run met every kind of fault it asked for; the other met none.
      const injected = new Set(answers.flatMap((a) => a.faults.map((f) => f.split(':')[0])));
      const faulted = answers.flatMap((a) => a.faults);
      if (FAULTS) {
        expect([...injected].sort()).toEqual(['conflict', 'provisioned', 'throttle', 'timeout']);
        expect(faulted).toContain('conflict:TransactWriteItems');
        expect(faulted).toContain('timeout:TransactWriteItems');
      } else {
        expect(faulted).toEqual([]);
      }
      console.info(
        `${answers.length} answers, ${busy.length} of them 503 BUSY sent again; ${faulted.length} DynamoDB faults injected`,
      );
      // A retried duplicate either replays the first effect or, failing, leaves none: at most one id per key.
      const successIds = (results: Res[], id: string) =>
        new Set(results.filter((r) => r.status === 201).map((r) => r.body[id] as string));
      // Every credit succeeds (a fresh member code each, well under the daily cap), both sends with one result.
      for (const c of credits) {
        expect(c.results.map((r) => r.status)).toEqual([201, 201]);
        expect(successIds(c.results, 'creditId').size).toBe(1);
      }
      for (const r of reservations) expect(successIds(r.results, 'redemptionId').size).toBeLessThanOrEqual(1);
      const codes = new Set(reservations.flatMap((r) => r.results.map((x) => x.body.error?.code).filter(Boolean)));
      expect(
        [...codes].every((c) => ['POINTS_INSUFFICIENT', 'OUT_OF_STOCK', 'MONTHLY_LIMIT_REACHED'].includes(c)),
      ).toBe(true);
      expect(codes.has('OUT_OF_STOCK')).toBe(true);

      // Assess: balance = sum of the ledger, for every account; never below zero.
      const accounts = await all({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'PTSACCOUNTS#chunhui' },
      });
      expect(accounts.length).toBeGreaterThanOrEqual(RESIDENTS);
      const creditEntries: string[] = [];
      for (const account of accounts) {
        const ledger = await all({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :l)',
          ExpressionAttributeValues: { ':pk': account.pk, ':l': 'LEDGER#' },
        });
        const sum = ledger.reduce((s, e) => s + (e.points as number), 0);
        expect(account.balance, String(account.pk)).toBe(sum);
        // In time order (the key order), each entry's balanceAfter is the running sum, and its place is the next one.
        let running = 0;
        ledger.forEach((e, i) => {
          running += e.points as number;
          expect(e.balanceAfter, `${String(account.pk)} ${String(e.sk)}`).toBe(running);
          expect(e.seq, `${String(account.pk)} ${String(e.sk)}`).toBe(i + 1);
        });
        expect(account.balance as number).toBeGreaterThanOrEqual(0);
        const credited = ledger.filter((e) => e.type === 'earn_recycling').map((e) => e.entryId);
        expect(new Set(credited).size, 'one entry per credit').toBe(credited.length);
        if (residents.some((r) => r.userId === account.userId)) creditEntries.push(...(credited as string[]));
        // The month counters the leaderboard reads = what the ledger says was earned in each month.
        const months = await all({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
          ExpressionAttributeValues: { ':pk': account.pk, ':m': 'MONTH#' },
        });
        const counted = Object.fromEntries(months.map((m) => [String(m.sk).slice('MONTH#'.length), m.earned]));
        const earnedByMonth = Object.fromEntries(
          [...new Set(ledger.map((e) => e.month as string))]
            .map((month) => {
              const inMonth = ledger.filter((e) => e.month === month) as {
                userId: string;
                type: LedgerType;
                points: number;
              }[];
              return [month, earnedByResident(inMonth).get(String(account.userId)) ?? 0] as const;
            })
            .filter(([, earned]) => earned > 0),
        );
        expect(counted, `month counters of ${String(account.pk)}`).toEqual(earnedByMonth);
      }

      // One ledger entry per credit key, under the credit's own id: the prepared points and the load's credits.
      const creditIds = credits.map((c) => c.results[0]?.body.creditId as string);
      expect(creditEntries.length).toBe(RESIDENTS + credits.length);
      expect(creditIds.filter((id) => !creditEntries.includes(id))).toEqual([]);

      // Assess: every shelf = what was stocked − what was taken and not given back; never below zero.
      const redemptions = (
        await Promise.all(
          ['chunhui-center', 'cuizhu-point'].map((station) =>
            all({
              IndexName: 'gsi2',
              KeyConditionExpression: 'gsi2pk = :pk',
              ExpressionAttributeValues: { ':pk': `RED#chunhui#STATION#${station}` },
            }),
          ),
        )
      ).flat();
      // One stored reservation per key that succeeded (this stack serves only this test).
      const madeReservations = reservations.filter((r) => successIds(r.results, 'redemptionId').size === 1).length;
      expect(redemptions.length).toBe(madeReservations);
      const stock = await all({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':pk': 'COMM#chunhui#REWARDS', ':s': 'STOCK#' },
      });
      for (const shelf of stock) {
        const [, rewardId = '', stationId = ''] = String(shelf.sk).split('#');
        const seeded =
          demoRewards.find((r) => r.communityId === 'chunhui' && r.rewardId === rewardId)?.stock[stationId] ?? 0;
        const taken = redemptions
          .filter((r) => r.status !== 'cancelled' && r.stationId === stationId)
          .flatMap((r) => r.items as { rewardId: string; quantity: number }[])
          .filter((i) => i.rewardId === rewardId)
          .reduce((s, i) => s + i.quantity, 0);
        expect(shelf.quantity as number, String(shelf.sk)).toBeGreaterThanOrEqual(0);
        expect(shelf.quantity, String(shelf.sk)).toBe(seeded - taken);
      }
      // The scarce shelf (5 towels at 翠竹园) went to exactly five people.
      const towels = redemptions.filter(
        (r) =>
          r.status !== 'cancelled' &&
          r.stationId === 'cuizhu-point' &&
          (r.items as { rewardId: string }[])[0]?.rewardId === 'towel',
      );
      expect(towels.length).toBeLessThanOrEqual(5);

      // Assess: no one passed a monthly limit; every cancelled reservation was refunded exactly once.
      for (const r of residents) {
        const mine = redemptions.filter((x) => x.userId === r.userId && x.status !== 'cancelled');
        const per = (id: string) =>
          mine.flatMap((x) => x.items as { rewardId: string; quantity: number }[]).filter((i) => i.rewardId === id)
            .length;
        expect(per('towel')).toBeLessThanOrEqual(1);
        expect(per('dish-soap')).toBeLessThanOrEqual(2);
      }
      const cancelled = redemptions.filter((r) => r.status === 'cancelled').length;
      const refunds = (
        await Promise.all(
          residents.map((r) =>
            all({
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :l)',
              FilterExpression: '#t = :refund',
              ExpressionAttributeNames: { '#t': 'type' },
              ExpressionAttributeValues: {
                ':pk': `COMM#chunhui#PTS#${r.userId}`,
                ':l': 'LEDGER#',
                ':refund': 'refund',
              },
            }),
          ),
        )
      ).flat().length;
      expect(refunds).toBe(cancelled);
    });
  },
);
