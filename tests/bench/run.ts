/**
 * `npm run bench`: figures from one run on this machine, each printed as
 * `name: value` on a line of its own. Nothing here asserts on time.
 *   - a list endpoint through the local API vs the same DynamoDB Query straight from the SDK
 *   - exchange-day redemptions through the API vs the same TransactWriteItems straight from the SDK
 *   - each Lambda bundle's size (bundled as the CDK stack bundles them) and its module-load time against bare node
 *   - the weapp main package size against its 1 MB budget
 *   - feedback actions while WeChat answers in 2 s (delivery is after the response, from the outbox)
 *   - an exchange-day close of 2,000 unclaimed reservations: how long, in how many ticks
 *   - the DynamoDB round trips of every read route
 *   - the sorting guide's search over its whole list, as the phone runs it
 *   - the street comparison and a community's figures over a year: 20 communities × 12 months vs none
 *
 * `LINLI_BENCH=open311,bundles` runs only the named parts (comma-separated):
 * bundles, weapp, households, feedback, slow-wechat, open311, leaderboard,
 * exchange-close, redeem, bulletins, round-trips, sorting, street. open311 lists the reports
 * the feedback part files, so it runs that part too. Unset: everything.
 * `LINLI_BENCH_BUNDLES=open311,points` bundles only those Lambdas.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { assertLocalEndpoint } from '../../infra/local/dynamodb-local.js';
import { spawnLocalStack } from '../support/spawn-stack.js';
import { bulletinFeedBenchmark } from './bulletins-feed.js';
import { bundleBenchmark } from './bundles.js';
import { exchangeCloseBenchmark } from './exchange-close.js';
import { feedbackSlowWechatBenchmark } from './feedback-slow-wechat.js';
import { pointsRedeemBenchmark } from './points-redeem.js';
import { roundTripSurvey } from './round-trips.js';
import { sortingSearchBenchmark } from './sorting-search.js';
import { streetFiguresBenchmark } from './street-figures.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CONCURRENCY = 8;
const REQUESTS = 1500;
const figure = (name: string, value: string | number) => console.log(`${name}: ${value}`);
const parts = process.env.LINLI_BENCH?.split(',').map((p) => p.trim());
const wanted = (part: string) => !parts || parts.includes(part) || (part === 'feedback' && parts.includes('open311'));
const STACK_PARTS = [
  'households',
  'feedback',
  'slow-wechat',
  'open311',
  'leaderboard',
  'exchange-close',
  'redeem',
  'bulletins',
  'round-trips',
  'street',
];

async function measure(run: () => Promise<void>, requests = REQUESTS) {
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < requests) {
        const t = performance.now();
        await run();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { rps: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99) };
}

async function listBenchmark() {
  const stack = await spawnLocalStack();
  try {
    assertLocalEndpoint(stack.dynamoEndpoint);
    const post: Post = async (path, body, token, key) => {
      const res = await fetch(`${stack.apiUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify(body),
      });
      return res.json() as Promise<Record<string, string>>;
    };
    if (wanted('households')) await householdsBenchmark(stack, post);
    if (wanted('feedback')) await feedbackBenchmark(stack.apiUrl, post);
    if (wanted('slow-wechat')) await feedbackSlowWechatBenchmark(stack, measure, figure);
    // After the 400 reports above: Open311 lists them from the report items, a bounded page at a time.
    if (wanted('open311')) await open311Benchmark(stack.apiUrl);
    if (wanted('leaderboard')) {
      const { token: wang } = await post('/v1/auth/dev', { persona: 'resident-wang' });
      await readBenchmark('points_leaderboard', `${stack.apiUrl}/v1/communities/chunhui/points/leaderboard`, wang);
    }
    // Before the redemption bench: its close refunds every reservation due, and that one leaves thousands.
    if (wanted('exchange-close')) await exchangeCloseBenchmark(stack.apiUrl, figure);
    if (wanted('redeem')) await pointsRedeemBenchmark(stack, measure, figure);
    if (wanted('bulletins')) await bulletinFeedBenchmark(stack, measure, figure);
    if (wanted('street')) await streetFiguresBenchmark(stack, measure, figure);
    if (wanted('round-trips')) await roundTripSurvey(stack.apiUrl, figure);
  } finally {
    await stack.stop();
  }
}

/** Open311's list, JSON and XML, the default page and the widest one, with its DynamoDB round trips. */
async function open311Benchmark(apiUrl: string) {
  const list = `${apiUrl}/open311/v2/requests`;
  await readBenchmark('open311_requests', `${list}.json?jurisdiction_id=chunhui`);
  await readBenchmark('open311_requests_xml', `${list}.xml?jurisdiction_id=chunhui`);
  await readBenchmark('open311_requests_200', `${list}.json?jurisdiction_id=chunhui&page_size=200`);
  // The jurisdiction's read alone, for what a page costs beyond it.
  await readBenchmark('open311_services', `${apiUrl}/open311/v2/services.json?jurisdiction_id=chunhui`);
}

/** A list endpoint through the local API vs the same DynamoDB Query straight from the SDK. */
async function householdsBenchmark(stack: Awaited<ReturnType<typeof spawnLocalStack>>, post: Post) {
  {
    // Prepare: 60 pending household requests in 春晖社区.
    for (let i = 0; i < 60; i++) {
      const { token } = await post('/v1/auth/wechat', { code: `bench${i}.1` });
      await post(
        '/v1/communities/chunhui/households',
        { estateId: 'chunhui-yuan', buildingId: 'chy-b1', unit: 1, room: `${100 + i}`, relation: 'owner' },
        token,
        randomUUID(),
      );
    }
    const { token: admin } = await post('/v1/auth/dev', { persona: 'admin-chunhui' });
    const url = `${stack.apiUrl}/v1/communities/chunhui/households?status=pending&limit=20`;
    let listCalls = '';
    const api = await measure(async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
      if (res.status !== 200) throw new Error(`list answered ${res.status}`);
      listCalls = res.headers.get('x-linli-dynamodb-calls') ?? '?';
      await res.arrayBuffer();
    });
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.dynamoEndpoint,
        region: 'cn-north-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
      }),
    );
    const raw = await measure(async () => {
      await doc.send(
        new QueryCommand({
          TableName: stack.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'COMM#chunhui#HOUSEHOLDS#pending' },
          ScanIndexForward: true,
          Limit: 20,
        }),
      );
    });
    figure('api_list_endpoint', 'GET /v1/communities/{communityId}/households (20 items)');
    figure('api_list_rps', api.rps.toFixed(0));
    figure('api_list_p50_ms', api.p50.toFixed(2));
    figure('api_list_p99_ms', api.p99.toFixed(2));
    figure('raw_query_rps', raw.rps.toFixed(0));
    figure('raw_query_p50_ms', raw.p50.toFixed(2));
    figure('raw_query_p99_ms', raw.p99.toFixed(2));
    figure('api_list_ratio', (api.rps / raw.rps).toFixed(2));
    figure('api_list_dynamodb_round_trips', listCalls);
  }
}

type Post = (path: string, body: unknown, token?: string, key?: string) => Promise<Record<string, string>>;

/** Submitting a report and listing one's own reports, through the API, with round trips per request. */
async function feedbackBenchmark(apiUrl: string, post: Post) {
  const { token } = await post('/v1/auth/dev', { persona: 'resident-wang' });
  let submitCalls = '';
  const submit = await measure(async () => {
    const res = await fetch(`${apiUrl}/v1/communities/chunhui/feedback`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        category: 'sanitation',
        description: '楼道里堆了很多杂物，影响通行',
        location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '' },
      }),
    });
    if (res.status !== 201) throw new Error(`submit answered ${res.status}`);
    submitCalls = res.headers.get('x-linli-dynamodb-calls') ?? '?';
    await res.arrayBuffer();
  }, 400);
  figure('feedback_submit_rps', submit.rps.toFixed(0));
  figure('feedback_submit_p50_ms', submit.p50.toFixed(2));
  figure('feedback_submit_p99_ms', submit.p99.toFixed(2));
  figure('feedback_submit_dynamodb_round_trips', submitCalls);
  let listCalls = '';
  const list = await measure(async () => {
    const res = await fetch(`${apiUrl}/v1/communities/chunhui/feedback/mine?limit=20`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`list answered ${res.status}`);
    listCalls = res.headers.get('x-linli-dynamodb-calls') ?? '?';
    await res.arrayBuffer();
  });
  figure('feedback_list_mine_rps', list.rps.toFixed(0));
  figure('feedback_list_mine_p50_ms', list.p50.toFixed(2));
  figure('feedback_list_mine_p99_ms', list.p99.toFixed(2));
  figure('feedback_list_mine_dynamodb_round_trips', listCalls);
}

/** A read through the API: requests per second, latency, items in the answer and DynamoDB round trips. */
async function readBenchmark(name: string, url: string, token?: string) {
  let calls = '';
  let items = 0;
  const result = await measure(async () => {
    const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
    calls = res.headers.get('x-linli-dynamodb-calls') ?? '?';
    const text = await res.text();
    if (text.startsWith('<?xml')) items = text.match(/<request>/g)?.length ?? 0;
    else {
      const body = JSON.parse(text) as unknown[] | { items: unknown[] };
      items = Array.isArray(body) ? body.length : body.items.length;
    }
  });
  figure(`${name}_items`, items);
  figure(`${name}_rps`, result.rps.toFixed(0));
  figure(`${name}_p50_ms`, result.p50.toFixed(2));
  figure(`${name}_p99_ms`, result.p99.toFixed(2));
  figure(`${name}_dynamodb_round_trips`, calls);
}

function dirSize(path: string): number {
  return readdirSync(path, { withFileTypes: true }).reduce((sum, e) => {
    const p = join(path, e.name);
    return sum + (e.isDirectory() ? dirSize(p) : statSync(p).size);
  }, 0);
}

function weappSize() {
  const dist = join(root, 'miniprogram/dist/weapp');
  if (!existsSync(join(dist, 'app.json'))) {
    const built = spawnSync('npm', ['run', 'build:weapp', '--silent'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('weapp build failed');
  }
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const total = dirSize(dist);
  const sub = subRoots.reduce((sum, r) => sum + (existsSync(join(dist, r)) ? dirSize(join(dist, r)) : 0), 0);
  const main = total - sub;
  figure('weapp_total_kb', (total / 1024).toFixed(1));
  figure('weapp_main_package_kb', (main / 1024).toFixed(1));
  figure('weapp_main_package_budget_kb', 1024);
  figure('weapp_main_package_budget_used', `${((main / (1024 * 1024)) * 100).toFixed(1)}%`);
}

if (wanted('bundles')) await bundleBenchmark(root, figure, process.env.LINLI_BENCH_BUNDLES?.split(','));
if (wanted('weapp')) weappSize();
if (wanted('sorting')) sortingSearchBenchmark(figure);
if (STACK_PARTS.some(wanted)) await listBenchmark();
