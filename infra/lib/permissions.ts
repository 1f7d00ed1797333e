import { CONTEXTS, type Context, routeList } from '@linli/functions/routes';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { CloudStage } from './config.js';
import type { SecretName, Secrets } from './secrets.js';

/** Every Lambda of the stack: one per bounded context, the scheduled jobs and the outbox consumer. */
export type Worker = Context | 'jobs' | 'outbox';
export const WORKERS: readonly Worker[] = [...CONTEXTS, 'jobs', 'outbox'];

export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:BatchWriteItem';
export type PhotoAction = 's3:GetObject' | 's3:PutObject' | 's3:PutObjectTagging' | 's3:DeleteObject' | 's3:ListBucket';

export interface Needs {
  readonly table: readonly TableAction[];
  readonly photos: readonly PhotoAction[];
  /** Secrets other than the session key, which follows from the route table (`needsSessionKey`). */
  readonly secrets: readonly Exclude<SecretName, 'sessionKey'>[];
}

const READ: readonly TableAction[] = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
/**
 * A transaction needs no action of its own: IAM checks each of its Put, Update,
 * Delete and ConditionCheck items as PutItem, UpdateItem, DeleteItem and
 * ConditionCheckItem (DynamoDB developer guide, "Using IAM with transactions").
 */
const WRITE: readonly TableAction[] = [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
/** HeadObject (`photos.exists`) needs GetObject; without ListBucket a missing photo answers 403, not 404. */
const CHECK_PHOTOS: readonly PhotoAction[] = ['s3:GetObject', 's3:ListBucket'];
/** What saves a report, bulletin or reward with photos: checks them and retags them attached (`photos.attach`). */
const ATTACH_PHOTOS: readonly PhotoAction[] = [...CHECK_PHOTOS, 's3:PutObjectTagging'];

/**
 * What each Lambda's code does with the table, the photo bucket and the
 * secrets, and so all its role may do. Read from functions/src:
 *
 * - Deletes (functions/src/data): the `auth` erasure (DELETE /v1/me) deletes a
 *   person's items with BatchWriteItem; `points` deletes a leaderboard opt-in
 *   and, in a transaction, a withdrawn activity sign-up; `communities` deletes
 *   a household lock when a request is rejected; `bulletins` deletes, in a
 *   transaction, the unpublished copies of a street bulletin sent back to
 *   draft or taken from a community; `feedback` deletes a person's unit
 *   membership when the street takes them out of a unit, and unit invites
 *   when the street revokes a code (撤销). Nobody else
 *   deletes; nobody Scans.
 * - ConditionCheck: only the points stock change.
 * - Photos: `communities` presigns uploads (PUT, with the unattached tag, so
 *   PutObjectTagging too) and their previews (GET); feedback, points and
 *   bulletins check that a photo exists, retag it attached when what uses it
 *   is saved (PutObjectTagging) and presign reads; open311 (which files
 *   feedback without photos) checks and reads; jobs and the outbox presign the GETs
 *   WeChat's media check downloads. Only the `auth` erasure deletes photos
 *   (a person's report photos); the bucket keeps a deleted photo's last
 *   version for NONCURRENT_PHOTO_DAYS (storage.ts), then it is gone.
 * - WeChat AppSecret (an access token): sign-in (auth), msgSecCheck (feedback,
 *   open311, points, bulletins), subscription messages and media checks (jobs,
 *   outbox). The message-push secret: only `messages`, which receives pushes.
 */
export const NEEDS: Readonly<Record<Worker, Needs>> = {
  system: { table: [], photos: [], secrets: [] },
  auth: { table: [...WRITE, 'dynamodb:BatchWriteItem'], photos: ['s3:DeleteObject'], secrets: ['wechatAppSecret'] },
  messages: { table: WRITE, photos: [], secrets: ['wechatPush'] },
  communities: {
    table: [...WRITE, 'dynamodb:DeleteItem'],
    photos: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'],
    secrets: [],
  },
  feedback: { table: [...WRITE, 'dynamodb:DeleteItem'], photos: ATTACH_PHOTOS, secrets: ['wechatAppSecret'] },
  open311: { table: WRITE, photos: CHECK_PHOTOS, secrets: ['wechatAppSecret'] },
  points: {
    table: [...WRITE, 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem'],
    photos: ATTACH_PHOTOS,
    secrets: ['wechatAppSecret'],
  },
  bulletins: { table: [...WRITE, 'dynamodb:DeleteItem'], photos: ATTACH_PHOTOS, secrets: ['wechatAppSecret'] },
  jobs: { table: WRITE, photos: ['s3:GetObject'], secrets: ['wechatAppSecret'] },
  outbox: { table: WRITE, photos: ['s3:GetObject'], secrets: ['wechatAppSecret'] },
};

/**
 * The session key signs tokens (auth) and check-in codes (points), and checks
 * the token of every signed-in route: a context with only public routes never
 * reads it. Follows the route table, so a new signed-in route brings it along.
 */
export function needsSessionKey(worker: Worker, stage: CloudStage): boolean {
  if (worker === 'auth' || worker === 'points') return true;
  return routeList(stage).some((route) => route.spec.context === worker && route.spec.access !== 'public');
}

export interface Resources {
  readonly table: ITableV2;
  readonly photos: IBucket;
  readonly secrets: Secrets;
}

/** Grants `worker`'s role exactly what NEEDS says, on exactly those resources. */
export function grantNeeds(fn: IFunction & IGrantable, worker: Worker, stage: CloudStage, resources: Resources): void {
  const needs = NEEDS[worker];
  const { table, photos, secrets } = resources;
  const add = (actions: readonly string[], resourceArns: string[]) => {
    if (actions.length) fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: resourceArns }));
  };
  // Queries reach the GSIs; every other action works on the table's own items.
  add(
    needs.table.filter((a) => a === 'dynamodb:Query'),
    [table.tableArn, `${table.tableArn}/index/*`],
  );
  add(
    needs.table.filter((a) => a !== 'dynamodb:Query'),
    [table.tableArn],
  );
  add(
    needs.photos.filter((a) => a !== 's3:ListBucket'),
    [photos.arnForObjects('*')],
  );
  add(
    needs.photos.filter((a) => a === 's3:ListBucket'),
    [photos.bucketArn],
  );
  const names: SecretName[] = [...(needsSessionKey(worker, stage) ? (['sessionKey'] as const) : []), ...needs.secrets];
  add(
    names.length ? ['secretsmanager:GetSecretValue'] : [],
    names.map((name) => secrets.secret(name).secretArn),
  );
}
