/**
 * Exchange-day redemptions: `POST …/redemptions` through the API (many
 * residents, one bench reward with a deep shelf at both stations) against
 * the same TransactWriteItems (idempotency record, monthly allowance, shelf,
 * balance, ledger entry, redemption, pickup code, the resident's message and
 * inbox count) sent straight from the SDK, in the same
 * run. Both retry a TransactionConflict the same way; only commits are counted.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiMonth } from '@linli/shared';
import type { TableRef } from '../../functions/src/data/client.js';
import { idempotencyRecords } from '../../functions/src/data/idempotency.js';
import { newId } from '../../functions/src/data/keys.js';
import { createMessagesRepository } from '../../functions/src/data/messages.js';
import { createPointCodesRepository } from '../../functions/src/data/point-codes.js';
import { accounts, ledgerEntries } from '../../functions/src/data/points/ledger.js';
import { redemptions } from '../../functions/src/data/points/redemptions.js';
import { rewardsTaken, stocks } from '../../functions/src/data/points/rewards.js';
import { newPickupCode } from '../../functions/src/domain/points/codes.js';
import { pickupWaiting } from '../../functions/src/domain/points/messages.js';
import { assertLocalEndpoint } from '../../infra/local/dynamodb-local.js';

type Measure = (run: () => Promise<void>, requests?: number) => Promise<{ rps: number; p50: number; p99: number }>;
type Figure = (name: string, value: string | number) => void;

const C = '/v1/communities/chunhui';
const RESIDENTS = 40;
const STATIONS = ['chunhui-center', 'cuizhu-point'];

export async function pointsRedeemBenchmark(
  stack: { apiUrl: string; dynamoEndpoint: string; tableName: string },
  measure: Measure,
  figure: Figure,
) {
  assertLocalEndpoint(stack.dynamoEndpoint);
  const api = async (method: string, path: string, body?: unknown, token?: string, key?: string) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: bench responses are read field by field
    const json = (await res.json().catch(() => null)) as any;
    return { status: res.status, body: json, headers: res.headers };
  };
  const must = <T extends { status: number; body: unknown }>(res: T, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  };

  // Prepare: the counter open all day, a bench reward with 100,000 on each shelf, residents with points.
  const admin = must(await api('POST', '/v1/auth/dev', { persona: 'admin-chunhui' }), 200, 'sign-in').body.token;
  const settings = (await api('GET', C, undefined, admin)).body.settings;
  must(
    await api(
      'PUT',
      `${C}/settings`,
      { version: settings.version, exchangeDay: { mode: 'daily', dayOfMonth: 1, opensAt: '00:00', closesAt: '24:00' } },
      admin,
    ),
    200,
    'opening the counter',
  );
  const reward = must(
    await api(
      'POST',
      `${C}/rewards`,
      { name: '压测兑换品', description: '', pointsCost: 1, imageKey: null, monthlyLimit: null, active: true },
      admin,
      randomUUID(),
    ),
    201,
    'creating the bench reward',
  ).body.rewardId as string;
  for (const stationId of STATIONS)
    must(
      await api(
        'POST',
        `${C}/rewards/${reward}/stock`,
        { stationId, delta: 100_000, reason: '压测备货' },
        admin,
        randomUUID(),
      ),
      201,
      'stocking the bench reward',
    );
  const residents: { token: string; userId: string }[] = [];
  for (let i = 0; i < RESIDENTS; i++) {
    const signedIn = must(await api('POST', '/v1/auth/wechat', { code: `redeemer${i}.1` }), 200, 'wechat sign-in').body;
    const asked = must(
      await api(
        'POST',
        `${C}/households`,
        { estateId: 'chunhui-yuan', buildingId: 'chy-b2', unit: 1, room: `${300 + i}`, relation: 'owner' },
        signedIn.token,
        randomUUID(),
      ),
      201,
      'household request',
    ).body;
    must(await api('POST', `${C}/households/${asked.householdId}/approve`, undefined, admin), 200, 'approval');
    must(
      await api(
        'POST',
        `${C}/points/adjustments`,
        { userId: signedIn.user.userId, points: 10_000, reason: '压测积分' },
        admin,
        randomUUID(),
      ),
      201,
      'adjustment',
    );
    residents.push({ token: signedIn.token, userId: signedIn.user.userId });
  }

  let turn = 0;
  const next = () => {
    const i = turn++;
    return {
      resident: residents[i % RESIDENTS] as { token: string; userId: string },
      stationId: STATIONS[i % 2] as string,
    };
  };
  const viaApi = async () => {
    const { resident, stationId } = next();
    const res = await api(
      'POST',
      `${C}/redemptions`,
      { stationId, items: [{ rewardId: reward, quantity: 1 }] },
      resident.token,
      randomUUID(),
    );
    must(res, 201, 'redemption');
    return {
      calls: Number(res.headers.get('x-linli-dynamodb-calls')),
      transactions: Number(res.headers.get('x-linli-dynamodb-transactions')),
    };
  };

  // Verify, one at a time (no conflicts possible): how many round trips and TransactWriteItems one redemption takes.
  const alone = [];
  for (let i = 0; i < 20; i++) alone.push(await viaApi());
  const trips = new Set(alone.map((a) => a.calls));
  const transactionsAlone = new Set(alone.map((a) => a.transactions));

  const underLoad: { calls: number; transactions: number }[] = [];
  const apiRun = await measure(async () => {
    underLoad.push(await viaApi());
  });

  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const rawTable = { doc, tableName: stack.tableName };
  let rawAttempts = 0;
  let rawCommitted = 0;
  const raw = async () => {
    const { resident, stationId } = next();
    for (let attempt = 1; ; attempt++) {
      // Like `reserve`: written against the account as read (its `seq`), read again when it moved.
      const account = await doc.send(
        new GetCommand({
          TableName: stack.tableName,
          Key: accounts.key({ communityId: 'chunhui', userId: resident.userId }),
          ConsistentRead: true,
        }),
      );
      const items = redemptionItems(rawTable, resident.userId, reward, stationId, {
        balance: (account.Item?.balance as number | undefined) ?? 0,
        seq: (account.Item?.seq as number | undefined) ?? 0,
        lastAt: (account.Item?.lastAt as string | undefined) ?? null,
      });
      try {
        rawAttempts++;
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
        rawCommitted++;
        return;
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        const conflict =
          reasons.some((r) => r.Code === 'TransactionConflict') &&
          !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
        // Only the account's condition failed: another redemption of the same resident got there first.
        const moved =
          reasons.length > 0 && reasons.every((r, i) => (i === ACCOUNT_ITEM ? r.Code !== 'None' : r.Code === 'None'));
        if (!(conflict || moved) || attempt >= 6) throw error;
        // The repository's backoff (data/transactions.ts), so both sides wait alike.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
      }
    }
  };
  const rawRun = await measure(raw);

  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  figure('points_redeem_endpoint', 'POST /v1/communities/{communityId}/redemptions (1 item, 40 residents, 2 stations)');
  figure('points_redeem_committed_per_s', apiRun.rps.toFixed(0));
  figure('points_redeem_p50_ms', apiRun.p50.toFixed(2));
  figure('points_redeem_p99_ms', apiRun.p99.toFixed(2));
  figure('raw_redeem_transact_committed_per_s', rawRun.rps.toFixed(0));
  figure('raw_redeem_transact_p50_ms', rawRun.p50.toFixed(2));
  figure('raw_redeem_transact_p99_ms', rawRun.p99.toFixed(2));
  figure('points_redeem_ratio', (apiRun.rps / rawRun.rps).toFixed(2));
  figure('points_redeem_dynamodb_round_trips', trips.size === 1 ? ([...trips][0] ?? '?') : [...trips].join('|'));
  // Printed only when every uncontended redemption made exactly one TransactWriteItems call (measured, not assumed).
  if (transactionsAlone.size === 1 && transactionsAlone.has(1)) figure('points_redeem_transactions_per_request', 1);
  else figure('points_redeem_transactions_per_request_measured', [...transactionsAlone].join('|'));
  // Under load a TransactionConflict on the shared shelf is retried: attempts per committed request, both sides.
  figure(
    'points_redeem_transact_attempts_per_request_under_load',
    mean(underLoad.map((u) => u.transactions)).toFixed(3),
  );
  figure('raw_redeem_transact_attempts_per_request', (rawAttempts / Math.max(1, rawCommitted)).toFixed(3));
}

/** Where the account's update is among `redemptionItems`. */
const ACCOUNT_ITEM = 3;

/** The items `reserve` writes for one reward, one each, with the same keys and conditions (data/points/redemptions.ts). */
function redemptionItems(
  table: TableRef,
  userId: string,
  rewardId: string,
  stationId: string,
  account: { balance: number; seq: number; lastAt: string | null },
) {
  const TableName = table.tableName;
  const now = new Date();
  // `entryTime`: never at or before the account's latest entry.
  const at = new Date(Math.max(now.getTime(), account.lastAt ? Date.parse(account.lastAt) + 1 : 0)).toISOString();
  const month = shanghaiMonth(now);
  const redemptionId = newId(now);
  const communityId = 'chunhui';
  const item = { rewardId, name: '压测兑换品', quantity: 1, pointsCost: 1, monthlyLimit: null };
  const redemption = {
    redemptionId,
    communityId,
    userId,
    residentName: '压测居民',
    stationId,
    stationName: '春晖党群服务站',
    items: [item],
    totalPoints: 1,
    status: 'reserved' as const,
    month,
    createdAt: at,
    windowClosesAt: new Date(now.getTime() + 86_400_000).toISOString(),
    fulfilledAt: null,
    fulfilledBy: null,
    cancelledAt: null,
    cancelReason: null,
    pickupCode: newPickupCode(),
  };
  const entry = {
    entryId: redemptionId,
    communityId,
    userId,
    type: 'redeem' as const,
    points: -1,
    at,
    month,
    note: '压测兑换品×1',
    ref: `redemption:${redemptionId}`,
    by: userId,
    stationId,
  };
  return [
    {
      Put: {
        TableName,
        Item: idempotencyRecords.item({
          scope: userId,
          key: randomUUID(),
          fingerprint: 'bench',
          response: { redemptionId },
          createdAt: at,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName,
        Key: rewardsTaken.key({ communityId, userId, month, rewardId }),
        UpdateExpression: 'ADD #count :q',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':q': 1 },
      },
    },
    {
      Update: {
        TableName,
        Key: stocks.key({ communityId, rewardId, stationId }),
        UpdateExpression: 'ADD quantity :delta',
        ConditionExpression: 'quantity >= :needed',
        ExpressionAttributeValues: { ':delta': -1, ':needed': 1 },
      },
    },
    {
      Update: {
        TableName,
        Key: accounts.key({ communityId, userId }),
        UpdateExpression:
          'ADD balance :delta SET seq = :next, lastAt = :at, userId = :uid, communityId = :cid, gsi1pk = :g1, gsi1sk = :uid',
        ConditionExpression: `${account.seq === 0 ? 'attribute_not_exists(seq)' : 'seq = :seq'} AND balance >= :needed`,
        ExpressionAttributeValues: {
          ':delta': -1,
          ':next': account.seq + 1,
          ':at': at,
          ':uid': userId,
          ':cid': communityId,
          ':g1': accounts.partition('ofCommunity', { communityId }),
          ...(account.seq === 0 ? {} : { ':seq': account.seq }),
          ':needed': 1,
        },
      },
    },
    {
      Put: {
        TableName,
        Item: ledgerEntries.item({ ...entry, balanceAfter: account.balance - 1, seq: account.seq + 1 }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName,
        Item: redemptions.item(redemption),
      },
    },
    // The reservation's pickup code and the resident's message (and inbox count), as `reserve` writes them.
    createPointCodesRepository(table).pickupCodeItem(
      { code: redemption.pickupCode, communityId, redemptionId, validUntil: redemption.windowClosesAt },
      () => new Error('pickup code taken'),
    ).item,
    ...createMessagesRepository(table).messageItems(
      [pickupWaiting(redemption, { opensAt: now.toISOString(), closesAt: redemption.windowClosesAt })],
      now,
    ),
  ];
}
