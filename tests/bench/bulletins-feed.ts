/**
 * The bulletin feed with 10,000 bulletins in one community: the first page
 * for a resident through the API vs the same Query straight from the SDK
 * (her building's feed partition, where publishing puts what is meant for her).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { audienceBuildings } from '@linli/shared';
import { type BulletinRecord, createBulletinsRepository } from '../../functions/src/data/bulletins.js';
import { feedEntry } from '../../functions/src/domain/bulletins/feed-entry.js';
import { assertLocalEndpoint } from '../../infra/local/dynamodb-local.js';
import { demoCommunities, demoPeople } from '../../infra/local/seed-data.js';

/** The attributes of a feed entry a page reads. */
const FIELDS = [
  'bulletinId',
  'title',
  'kind',
  'coverKey',
  'riskyPhotos',
  'excerpt',
  'important',
  'pinned',
  'publishedAt',
];

type Measure = (run: () => Promise<void>, requests?: number) => Promise<{ rps: number; p50: number; p99: number }>;

export async function bulletinFeedBenchmark(
  stack: { apiUrl: string; dynamoEndpoint: string; tableName: string },
  measure: Measure,
  figure: (name: string, value: string | number) => void,
) {
  assertLocalEndpoint(stack.dynamoEndpoint);
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const estates = ['chunhui-yuan', 'cuizhu-yuan'];
  const start = Date.parse('2025-01-01T00:00:00Z');
  const records: BulletinRecord[] = Array.from({ length: 10_000 }, (_, i) => {
    const at = new Date(start + i * 3_600_000).toISOString();
    return {
      bulletinId: `bench${String(i).padStart(5, '0')}`,
      communityId: 'chunhui',
      title: `第 ${i} 号社区通知`,
      kind: i % 3 === 0 ? 'news' : 'notice',
      coverKey: null,
      source: '通知正文',
      blocks: [{ type: 'paragraph', inlines: [{ text: `第 ${i} 号通知的正文，内容略。` }] }],
      // A third for the whole community, the rest split between the two estates.
      audience: i % 3 === 0 ? { type: 'community' } : { type: 'estates', estateIds: [estates[i % 2] as string] },
      important: i % 10 === 0,
      pinned: i % 1000 === 0,
      publishAt: null,
      publishedAt: at,
      status: 'published',
      revision: 1,
      version: 1,
      authorId: 'demo-admin-chunhui',
      authorName: '赵建华',
      approverId: 'demo-admin2-chunhui',
      approverName: '孙梅',
      rejectReason: null,
      readCount: 0,
      activityId: null,
      issueId: null,
      createdAt: at,
      updatedAt: at,
    };
  });
  const buildings = demoCommunities.find((c) => c.communityId === 'chunhui')?.buildings ?? [];
  const home = demoPeople.find((p) => p.persona === 'resident-wang')?.membership?.home;
  if (!home) throw new Error('resident-wang has no home in the seed');
  await createBulletinsRepository({ doc, tableName: stack.tableName }).putMany(
    records.map((b) => ({ bulletin: b, entry: feedEntry(b), buildingIds: audienceBuildings(b.audience, buildings) })),
  );

  const login = await fetch(`${stack.apiUrl}/v1/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: 'resident-wang' }),
  });
  const { token, user } = (await login.json()) as { token: string; user: { userId: string } };
  let calls = '';
  const api = await measure(async () => {
    const res = await fetch(`${stack.apiUrl}/v1/communities/chunhui/bulletins?limit=20`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`feed answered ${res.status}`);
    calls = res.headers.get('x-linli-dynamodb-calls') ?? '?';
    await res.arrayBuffer();
  });
  const raw = await measure(async () => {
    await doc.send(
      new QueryCommand({
        TableName: stack.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `BULFEED#chunhui#B#${home.buildingId}` },
        // What a page reads: the entry's fields and the reader's own read mark.
        ProjectionExpression: [...FIELDS.map((_, i) => `#f${i}`), '#me'].join(', '),
        ExpressionAttributeNames: {
          ...Object.fromEntries(FIELDS.map((f, i) => [`#f${i}`, f])),
          '#me': `read:${user.userId}`,
        },
        ScanIndexForward: false,
        Limit: 20,
      }),
    );
  });
  figure('bulletin_feed_bulletins', records.length);
  figure('bulletin_feed_rps', api.rps.toFixed(0));
  figure('bulletin_feed_p50_ms', api.p50.toFixed(2));
  figure('bulletin_feed_p99_ms', api.p99.toFixed(2));
  figure('bulletin_feed_raw_query_rps', raw.rps.toFixed(0));
  figure('bulletin_feed_raw_query_p50_ms', raw.p50.toFixed(2));
  figure('bulletin_feed_raw_query_p99_ms', raw.p99.toFixed(2));
  figure('bulletin_feed_ratio', (api.rps / raw.rps).toFixed(2));
  figure('bulletin_feed_dynamodb_round_trips', calls);
}
