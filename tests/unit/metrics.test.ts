import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localEnv } from './local-env.js';

localEnv();
const { contextHandler, defineRoute } = await import('../../functions/src/http/route-handler.js');
const { systemRoutes } = await import('../../functions/src/routes/system.js');
const { ConflictError } = await import('@linli/shared');

const event = {
  version: '2.0',
  routeKey: 'GET /v1/health',
  rawPath: '/v1/health',
  rawQueryString: '',
  headers: {},
  isBase64Encoded: false,
  requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/v1/health' } },
} as unknown as APIGatewayProxyEventV2;
const context = { awsRequestId: 'req-1', functionName: 'unit', getRemainingTimeInMillis: () => 1000 } as never;
const health = {
  status: 'ok',
  stage: 'local',
  database: { kind: 'dynamodb-local', table: 't' },
  time: new Date().toISOString(),
};

/** The EMF lines written to stdout while `run` runs. */
async function emfOf(run: () => Promise<unknown>) {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    write.mockRestore();
  }
  return lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l));
}

describe('business metrics, as CloudWatch EMF lines', () => {
  afterEach(() => {
    delete process.env.POWERTOOLS_METRICS_NAMESPACE;
  });

  it('counts the metric a route names each time it succeeds, and nothing when it fails', async () => {
    process.env.POWERTOOLS_METRICS_NAMESPACE = 'Linli/unit';
    const table = { 'GET /v1/health': { ...systemRoutes['GET /v1/health'], metric: 'ReportsFiled' as const } };
    const ok = contextHandler(table, [defineRoute('GET /v1/health', async () => health as never)], 'local');
    const emf = await emfOf(() => ok(event, context));
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ ReportsFiled: 1 });
    expect(emf[0]._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'Linli/unit',
      Metrics: [{ Name: 'ReportsFiled', Unit: 'Count' }],
    });

    const failing = contextHandler(
      table,
      [
        defineRoute('GET /v1/health', async () => {
          throw new ConflictError('SOMETHING_TAKEN', '已被占用');
        }),
      ],
      'local',
    );
    const refused = await emfOf(() => failing(event, context));
    expect(refused.map((m) => Object.keys(m).find((k) => k === 'ReportsFiled' || k === 'Refusals'))).toEqual([
      'Refusals',
    ]);
    // Refusals by code: the code is a dimension of its own.
    expect(refused[0]).toMatchObject({ Refusals: 1, code: 'SOMETHING_TAKEN' });
    expect(refused[0]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service'], ['service', 'code']]);
  });

  it('writes nothing without a namespace (the local stage)', async () => {
    const table = { 'GET /v1/health': { ...systemRoutes['GET /v1/health'], metric: 'Credits' as const } };
    const ok = contextHandler(table, [defineRoute('GET /v1/health', async () => health as never)], 'local');
    expect(await emfOf(() => ok(event, context))).toEqual([]);
  });
});
