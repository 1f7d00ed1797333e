/**
 * Each Lambda's role holds what its code uses and nothing more. The expected
 * grants are written out here, role by role, against what the code does
 * (infra/lib/permissions.ts says why); the last block fails when the code
 * starts doing something new (a delete, a ConditionCheck, a photo write), so
 * the grant is reviewed with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTEXTS, routeList } from '@linli/functions/routes';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKERS, type Worker } from '../../infra/lib/permissions.js';
import { actions, actionsOf, functionId, grantsOf, statementsOf, templateOf, WECHAT_APP_ID } from './build.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const READ = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const WRITE = [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const XRAY = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
const CHECK_PHOTOS = ['s3:GetObject', 's3:ListBucket'];
/** Saving what uses a photo retags it attached (`photos.attach`). */
const ATTACH_PHOTOS = [...CHECK_PHOTOS, 's3:PutObjectTagging'];
const SECRET = 'secretsmanager:GetSecretValue';

/** Every action each role may take, written out. */
const EXPECTED: Record<Worker, string[]> = {
  system: [...XRAY],
  auth: [...XRAY, ...WRITE, 'dynamodb:BatchWriteItem', 's3:DeleteObject', SECRET],
  messages: [...XRAY, ...WRITE, SECRET],
  // Upload tickets carry the unattached tag: S3 wants PutObjectTagging of whoever signs them.
  communities: [
    ...XRAY,
    ...WRITE,
    'dynamodb:DeleteItem',
    's3:GetObject',
    's3:PutObject',
    's3:PutObjectTagging',
    SECRET,
  ],
  // The street takes a person out of a unit (their unit membership is deleted) or revokes one of its unit invites.
  feedback: [...XRAY, ...WRITE, 'dynamodb:DeleteItem', ...ATTACH_PHOTOS, SECRET],
  open311: [...XRAY, ...WRITE, ...CHECK_PHOTOS, SECRET],
  points: [...XRAY, ...WRITE, 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', ...ATTACH_PHOTOS, SECRET],
  // A street bulletin's unpublished copies are deleted when it goes back to draft or leaves a community.
  bulletins: [...XRAY, ...WRITE, 'dynamodb:DeleteItem', ...ATTACH_PHOTOS, SECRET],
  jobs: [
    ...XRAY,
    ...WRITE,
    's3:GetObject',
    SECRET,
    // The failure destination of a crashed run.
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:SendMessage',
  ],
  outbox: [
    ...XRAY,
    ...WRITE,
    's3:GetObject',
    SECRET,
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:SendMessage',
  ],
};

type Secret = 'SessionKey' | 'WechatAppSecret' | 'WechatPush';
const SECRETS: Record<Worker, Secret[]> = {
  system: [],
  auth: ['SessionKey', 'WechatAppSecret'],
  messages: ['SessionKey', 'WechatPush'],
  communities: ['SessionKey'],
  feedback: ['SessionKey', 'WechatAppSecret'],
  open311: ['SessionKey', 'WechatAppSecret'],
  points: ['SessionKey', 'WechatAppSecret'],
  bulletins: ['SessionKey', 'WechatAppSecret'],
  jobs: ['WechatAppSecret'],
  outbox: ['WechatAppSecret'],
};

let template: Template;
let secretIds: Record<Secret, string>;
let ids: Record<Worker, string>;

beforeAll(() => {
  template = templateOf({ stage: 'prod', wechatAppId: WECHAT_APP_ID });
  const secrets = template.findResources('AWS::SecretsManager::Secret');
  const named = (suffix: string) => Object.keys(secrets).find((id) => id.startsWith(`Secrets${suffix}`)) as string;
  secretIds = {
    SessionKey: named('SessionKey'),
    WechatAppSecret: named('WechatAppSecret'),
    WechatPush: named('WechatPush'),
  };
  ids = Object.fromEntries(WORKERS.map((worker) => [worker, functionId(template, worker)])) as Record<Worker, string>;
});

describe('Each Lambda’s role holds only what its code uses', () => {
  it.each(WORKERS)('%s: exactly the expected actions', (worker) => {
    // Act
    const granted = [...new Set(actionsOf(template, ids[worker]))].sort();

    // Assess
    expect(granted).toEqual([...new Set(EXPECTED[worker])].sort());
  });

  it('grants no wildcard action, no Scan and nothing on every resource but X-Ray', () => {
    for (const worker of WORKERS) {
      for (const statement of statementsOf(template, ids[worker])) {
        expect(statement.Effect).toBe('Allow');
        for (const action of actions(statement)) {
          expect(action, worker).not.toContain('*');
          expect(action, worker).not.toMatch(/Scan|PartiQL|DeleteTable|UpdateTable/);
        }
        // X-Ray takes no resource ARN; everything else names its table, bucket, secret or queue.
        if (statement.Resource === '*')
          expect(
            actions(statement).every((a) => a.startsWith('xray:')),
            worker,
          ).toBe(true);
      }
    }
  });

  it('deletes items only in auth (the erasure’s batch), points, communities, bulletins and feedback (unit memberships, unit invites)', () => {
    // Act
    const deleters = WORKERS.filter((worker) => grantsOf(template, ids[worker], 'dynamodb:DeleteItem').length > 0);
    const batchWriters = WORKERS.filter(
      (worker) => grantsOf(template, ids[worker], 'dynamodb:BatchWriteItem').length > 0,
    );

    // Assess
    expect(deleters.sort()).toEqual(['bulletins', 'communities', 'feedback', 'points']);
    expect(batchWriters).toEqual(['auth']);
  });

  it('queries the table and its indexes; writes only the table', () => {
    const [table] = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'));
    const tableArn = { 'Fn::GetAtt': [table, 'Arn'] };
    for (const worker of WORKERS.filter((w) => w !== 'system')) {
      const [query] = grantsOf(template, ids[worker], 'dynamodb:Query');
      expect(query?.Resource, worker).toEqual([tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }]);
      for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem']) {
        for (const statement of grantsOf(template, ids[worker], action)) expect(statement.Resource).toEqual(tableArn);
      }
    }
  });

  it('reads the stream in the outbox consumer only', () => {
    const readers = WORKERS.filter((worker) => grantsOf(template, ids[worker], 'dynamodb:GetRecords').length > 0);
    expect(readers).toEqual(['outbox']);
  });

  it('writes photos only where uploads are presigned and deletes them only in the erasure', () => {
    const [bucket] = Object.keys(template.findResources('AWS::S3::Bucket'));
    const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/*']] };
    const writers = WORKERS.filter((worker) => grantsOf(template, ids[worker], 's3:PutObject').length > 0);
    expect(writers).toEqual(['communities']);
    const deleters = WORKERS.filter((worker) => grantsOf(template, ids[worker], 's3:DeleteObject').length > 0);
    expect(deleters).toEqual(['auth']);
    for (const worker of WORKERS) {
      for (const statement of grantsOf(template, ids[worker], 's3:DeleteObject'))
        expect(statement.Resource).toEqual(objects);
      for (const statement of grantsOf(template, ids[worker], 's3:GetObject'))
        expect(statement.Resource).toEqual(objects);
      for (const statement of grantsOf(template, ids[worker], 's3:PutObjectTagging'))
        expect(statement.Resource).toEqual(objects);
      for (const statement of grantsOf(template, ids[worker], 's3:ListBucket'))
        expect(statement.Resource).toEqual({ 'Fn::GetAtt': [bucket, 'Arn'] });
    }
  });

  it.each(WORKERS)('%s: reads only its secrets', (worker) => {
    // Act
    const read = grantsOf(template, ids[worker], SECRET).flatMap((statement) =>
      ([] as { Ref: string }[]).concat(statement.Resource as { Ref: string }).map((r) => r.Ref),
    );

    // Assess
    expect(read.sort()).toEqual(SECRETS[worker].map((name) => secretIds[name]).sort());
  });

  it('gives the session key to every context with a signed-in route and to none without', () => {
    const signedIn = new Set(
      routeList('prod')
        .filter((route) => route.spec.access !== 'public')
        .map((route) => route.spec.context),
    );
    for (const context of CONTEXTS) {
      const reads = grantsOf(template, ids[context], SECRET).some((s) =>
        JSON.stringify(s.Resource).includes(secretIds.SessionKey),
      );
      // auth signs the tokens its public sign-in route hands out.
      expect(reads, context).toBe(signedIn.has(context) || context === 'auth');
    }
  });
});

/** The source files under `dir` (recursively) whose text matches `pattern`, relative to functions/src. */
function filesMatching(dir: string, pattern: RegExp): string[] {
  const base = join(root, 'functions/src');
  const walk = (path: string): string[] =>
    readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
      const full = join(path, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.name.endsWith('.ts') && pattern.test(readFileSync(full, 'utf8'))
        ? [full.slice(base.length + 1)]
        : [];
    });
  return walk(join(base, dir)).sort();
}

describe('The grants follow the code (a change here means reviewing infra/lib/permissions.ts)', () => {
  it('deletes items in the erasure, leaderboard opt-out, sign-up withdrawal, household rejection, street bulletin copies, unit memberships, unit invites and the rebuild (no Lambda) only', () => {
    expect(filesMatching('data', /DeleteCommand|BatchWriteCommand|\bDelete: \{|DeleteRequest/)).toEqual([
      'data/activities.ts',
      'data/bulletins/street.ts',
      'data/households.ts',
      'data/leaderboard.ts',
      'data/query.ts',
      'data/rollup-sources.ts',
      'data/units.ts',
      'data/users.ts',
    ]);
    // The rebuild runs from the CLI with an operator's credentials: no Lambda imports it or what it writes with.
    expect(filesMatching('.', /rebuild\.js'/)).toEqual([]);
    expect(filesMatching('.', /import \{[^}]*\} from '[./]*(data\/)?rollup-sources\.js'/)).toEqual([]);
  });

  it('uses ConditionCheck in the points repository only', () => {
    expect(filesMatching('data', /ConditionCheck\b/)).toEqual(['data/points/rewards.ts']);
  });

  it('presigns uploads in communities only and deletes photos in the erasure only', () => {
    expect(filesMatching('domain', /presignUpload\(/)).toEqual(['domain/communities/uploads.ts']);
    expect(filesMatching('.', /DeleteObject/)).toEqual(['clients/photo-store.ts']);
    expect(filesMatching('.', /photos\.remove\(/)).toEqual(['domain/me/me.ts']);
  });

  it('calls WeChat’s server APIs from sign-in, the content check and the outbox only', () => {
    expect(filesMatching('domain', /deps\.wechat\b/)).toEqual([
      'domain/auth/sign-in.ts',
      'domain/feedback/checks.ts',
      'domain/messages/outbox.ts',
    ]);
    // The content check (msgSecCheck, and the photo existence check) runs in the contexts that import it.
    const checking = new Set(
      filesMatching('domain', /\/checks\.js'|from '\.\.\/feedback\/submit\.js'/).map((file) => file.split('/')[1]),
    );
    for (const context of checking) {
      expect(SECRETS[context as Worker], context).toContain('WechatAppSecret');
      expect(EXPECTED[context as Worker], context).toEqual(expect.arrayContaining(CHECK_PHOTOS));
    }
  });
});
