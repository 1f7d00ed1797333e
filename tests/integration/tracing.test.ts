/**
 * Traces as the cloud makes them, from what the stack deploys: a context's
 * bundle built as the stack builds it, beside the tracer layer's own
 * `node_modules` (nothing of the repository's), run in a process that looks
 * like Lambda to Powertools and the X-Ray SDK (`AWS_EXECUTION_ENV`,
 * `LAMBDA_TASK_ROOT`, a `_X_AMZN_TRACE_ID`), against the test stack's
 * DynamoDB Local. What it sends goes to a stand-in X-Ray daemon: UDP, a JSON
 * header line and one segment document per datagram, as the daemon takes them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBSCRIPTION_TEMPLATES } from '@linli/shared';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LAMBDA_ESBUILD } from '../../infra/lib/bundling.js';
import { buildTracerLayer } from '../../infra/lib/powertools-layer.js';
import { signIn } from '../support/api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Segment {
  id: string;
  name: string;
  trace_id: string;
  parent_id?: string;
  type?: string;
  annotations?: Record<string, unknown>;
  metadata?: Record<string, Record<string, unknown>>;
  aws?: { operation?: string; table_name?: string };
  subsegments?: Segment[];
}

/** The X-Ray daemon's side of the wire: `{"format":"json","version":1}\n{…segment…}` per datagram. */
async function daemonStandIn() {
  const socket = createSocket('udp4');
  const received: Segment[] = [];
  socket.on('message', (message) => {
    const text = message.toString('utf8');
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline));
    if (header.format !== 'json' || header.version !== 1) throw new Error(`not a segment document: ${text}`);
    received.push(JSON.parse(text.slice(newline + 1)));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${socket.address().port}`, received, close: () => socket.close() };
}

/** Every segment sent and every one nested in it. */
function flatten(segments: Segment[]): Segment[] {
  return segments.flatMap((s) => [s, ...flatten(s.subsegments ?? [])]);
}

/** A trace header as Lambda sets it for a sampled invocation. */
function traceHeader() {
  const traceId = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  return { traceId, header: `Root=${traceId};Parent=${randomBytes(8).toString('hex')};Sampled=1` };
}

let task: string;
let daemon: Awaited<ReturnType<typeof daemonStandIn>>;

/** Builds the `name` Lambda into the task folder as the stack bundles it. */
async function bundle(name: string) {
  await build({
    entryPoints: [join(root, `functions/src/handlers/${name}/index.ts`)],
    outfile: join(task, name, 'index.mjs'),
    ...LAMBDA_ESBUILD,
    logLevel: 'silent',
  });
}

/** Invokes `name`'s handler once in a Lambda-like process; answers what it returned. */
async function invoke(name: string, event: unknown, traceIdHeader: string): Promise<unknown> {
  const script = `
    const { handler } = await import('./index.mjs');
    const context = { functionName: 'linli-${name}', awsRequestId: 'trace-test', getRemainingTimeInMillis: () => 55000 };
    const result = await handler(${JSON.stringify(event)}, context);
    process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');
    // What the SDK still sends goes out before the process ends, as when Lambda freezes it.
    setTimeout(() => process.exit(0), 300);
  `;
  const env = {
    PATH: process.env.PATH ?? '',
    STAGE: 'local',
    TABLE_NAME: inject('tableName'),
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    PHOTO_BUCKET: 'linli-photos-local',
    S3_ENDPOINT: inject('photoStoreUrl'),
    WECHAT_APP_ID: 'wxtrace',
    WECHAT_API_BASE: inject('wechatUrl'),
    WECHAT_APP_SECRET: 'trace',
    WECHAT_PUSH_SECRET: JSON.stringify({ token: 'trace', encodingAesKey: 'a'.repeat(43) }),
    ...Object.fromEntries(SUBSCRIPTION_TEMPLATES.map((t) => [`WECHAT_TEMPLATE_${t.toUpperCase()}`, t])),
    SESSION_KEY: inject('sessionKey'),
    POWERTOOLS_SERVICE_NAME: `linli-${name}`,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    // What Lambda sets, and what Powertools and the X-Ray SDK look for.
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_FUNCTION_NAME: `linli-${name}`,
    _HANDLER: 'index.handler',
    LAMBDA_TASK_ROOT: join(task, name),
    _X_AMZN_TRACE_ID: traceIdHeader,
    AWS_XRAY_DAEMON_ADDRESS: daemon.address,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  };
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: join(task, name), env });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (code !== 0 || !line) throw new Error(`${name} failed (${code}): ${err.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length));
}

/** What reached the daemon for one trace, once it stopped arriving. */
async function traceOf(traceId: string): Promise<Segment[]> {
  let count = -1;
  for (let i = 0; i < 20; i++) {
    const now = daemon.received.filter((s) => s.trace_id === traceId).length;
    if (now > 0 && now === count) break;
    count = now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return flatten(daemon.received.filter((s) => s.trace_id === traceId));
}

beforeAll(async () => {
  daemon = await daemonStandIn();
  // Outside the repository, so nothing resolves from its node_modules but the AWS SDK (the runtime's).
  task = mkdtempSync(join(tmpdir(), 'linli-trace-'));
  const modules = join(task, 'node_modules');
  mkdirSync(modules);
  symlinkSync(join(root, 'node_modules/@aws-sdk'), join(modules, '@aws-sdk'));
  cpSync(join(buildTracerLayer(root), 'nodejs/node_modules'), modules, { recursive: true });
  await Promise.all([bundle('auth'), bundle('jobs')]);
}, 120_000);

afterAll(() => {
  daemon?.close();
  if (task) rmSync(task, { recursive: true, force: true });
});

describe('X-Ray traces from the deployed bundles and the tracer layer', () => {
  it('traces a request as its route, with each DynamoDB call beneath it and no response in it', async () => {
    const token = await signIn('resident-wang');
    const { traceId, header } = traceHeader();
    const event = {
      version: '2.0',
      routeKey: 'GET /v1/me',
      rawPath: '/v1/me',
      headers: { authorization: `Bearer ${token}` },
      requestContext: { requestId: 'trace-test', http: { method: 'GET', path: '/v1/me' } },
    };
    const result = (await invoke('auth', event, header)) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).user.nickname).toBe('王秀英');

    const segments = await traceOf(traceId);
    const handler = segments.find((s) => s.name === '## index.handler');
    expect(handler?.annotations).toMatchObject({ route: 'GET /v1/me', ColdStart: true, Service: 'linli-auth' });
    const calls = segments.filter((s) => s.name === 'DynamoDB');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.aws?.table_name).toBe(inject('tableName'));
    // Beneath the handler: each call's parent is the handler's subsegment, in the same trace.
    expect(calls.every((c) => c.parent_id === handler?.id)).toBe(true);
    // The response carries residents' data: it is never in a trace.
    expect(JSON.stringify(segments)).not.toContain('王秀英');
  });

  it('traces the schedule’s tick with one subsegment per sweep, named and annotated', async () => {
    const { traceId, header } = traceHeader();
    // A tick in the year 2000: nothing is due, so every sweep runs and changes nothing.
    const results = (await invoke('jobs', { time: '2000-01-01T00:00:00.000Z' }, header)) as { name: string }[];
    expect(results.length).toBeGreaterThan(5);

    const segments = await traceOf(traceId);
    const tick = segments.find((s) => s.name === '## sweeps');
    expect(tick?.annotations).toMatchObject({ ColdStart: true, Service: 'linli-jobs' });
    for (const { name } of results) {
      const sweep = segments.find((s) => s.name === `### ${name}`);
      expect(sweep?.annotations, name).toMatchObject({ sweep: name });
      expect(sweep?.parent_id, name).toBe(tick?.id);
    }
  });
});
