import {
  BULLETIN_STATUS_LABELS,
  type BulletinBody,
  blocksText,
  ConflictError,
  ForbiddenError,
  MarkupError,
  NotFoundError,
  parseMarkup,
  plainText,
  ValidationError,
} from '@linli/shared';
import type { BulletinRecord } from '../../data/bulletins.js';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import { checkContent, checkPhotos } from '../feedback/checks.js';
import type { BulletinDeps, Reader } from './deps.js';

/** Sanitised on the way in: text without tags, a body of blocks, images of this community, audience that exists. */
async function prepare(deps: BulletinDeps, author: Reader, communityId: string, body: BulletinBody) {
  const community = await deps.communities.get(communityId);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const title = plainText(body.title).trim();
  if (title.length < 2) throw new ValidationError([{ field: 'body.title', message: '标题去掉标签后至少 2 个字' }]);
  let blocks: ReturnType<typeof parseMarkup>;
  try {
    blocks = parseMarkup(body.body);
  } catch (error) {
    if (error instanceof MarkupError) throw new ValidationError([{ field: 'body.body', message: error.message }]);
    throw error;
  }
  const { audience } = body;
  if (audience.type === 'estates')
    audience.estateIds.forEach((id, i) => {
      if (!community.estates.some((e) => e.estateId === id))
        throw new ValidationError([{ field: `body.audience.estateIds.${i}`, message: '该社区没有这个小区' }]);
    });
  if (audience.type === 'grids')
    audience.gridIds.forEach((id, i) => {
      if (!community.grids.some((g) => g.gridId === id))
        throw new ValidationError([{ field: `body.audience.gridIds.${i}`, message: '该社区没有这个网格' }]);
    });
  const images = [
    ...(body.coverKey ? [body.coverKey] : []),
    ...blocks.flatMap((b) => (b.type === 'image' ? [b.key] : [])),
  ];
  await checkPhotos(deps, communityId, images, ['bulletin'], 'body.images');
  await checkContent(
    deps,
    author.openid,
    { field: 'body.body', value: `${title}\n${blocksText(blocks)}` },
    { field: 'body.images', keys: images },
  );
  return { title, blocks };
}

function editor(reader: Reader) {
  if (!reader.roles.includes('admin')) throw new ForbiddenError('ROLE_REQUIRED', '只有社区管理员可以编辑公告');
}

export async function createBulletin(
  deps: BulletinDeps,
  author: Reader,
  communityId: string,
  body: BulletinBody,
  idem: Idempotency,
): Promise<BulletinRecord> {
  editor(author);
  const { title, blocks } = await prepare(deps, author, communityId, body);
  const now = deps.now();
  const at = now.toISOString();
  const record: BulletinRecord = {
    bulletinId: newId(now),
    communityId,
    title,
    kind: body.kind,
    coverKey: body.coverKey,
    source: body.body,
    blocks,
    audience: body.audience,
    important: body.important,
    pinned: body.pinned,
    publishAt: body.publishAt,
    publishedAt: null,
    status: 'draft',
    revision: 1,
    version: 1,
    authorId: author.userId,
    authorName: author.name,
    approverId: null,
    approverName: null,
    rejectReason: null,
    readCount: 0,
    activityId: body.activityId,
    issueId: body.issueId,
    createdAt: at,
    updatedAt: at,
  };
  const replay = (await deps.bulletins.create(record, idem, now)) as { bulletinId: string } | null;
  if (!replay) return record;
  const stored = await deps.bulletins.get(communityId, replay.bulletinId);
  if (!stored) throw new NotFoundError('BULLETIN_NOT_FOUND', '找不到该公告');
  return stored;
}

const changed = () => new ConflictError('BULLETIN_CHANGED', '公告刚被其他管理员修改，请刷新后再试');

async function load(deps: BulletinDeps, communityId: string, bulletinId: string) {
  const b = await deps.bulletins.get(communityId, bulletinId);
  if (!b) throw new NotFoundError('BULLETIN_NOT_FOUND', '找不到该公告');
  return b;
}

/** Edits a bulletin; a published one gets a new revision and the old text is kept. */
export async function updateBulletin(
  deps: BulletinDeps,
  author: Reader,
  communityId: string,
  bulletinId: string,
  body: BulletinBody & { version: number },
) {
  editor(author);
  const before = await load(deps, communityId, bulletinId);
  if (before.version !== body.version) throw changed();
  if (before.status === 'withdrawn') throw new ConflictError('BULLETIN_WITHDRAWN', '已撤回的公告不能再编辑');
  const { title, blocks } = await prepare(deps, author, communityId, body);
  const published = before.status === 'published';
  const after: BulletinRecord = {
    ...before,
    title,
    kind: body.kind,
    coverKey: body.coverKey,
    source: body.body,
    blocks,
    audience: body.audience,
    important: body.important,
    pinned: body.pinned,
    publishAt: body.publishAt,
    activityId: body.activityId,
    issueId: body.issueId,
    // A change to an approved text needs approving again; a published one stays out, as a new revision.
    status: published ? 'published' : 'draft',
    revision: published ? before.revision + 1 : before.revision,
    updatedAt: deps.now().toISOString(),
  };
  if (!(await deps.bulletins.update(before, after, deps.now(), published))) throw changed();
  return { ...after, version: before.version + 1 };
}

export type Transition = 'submit' | 'approve' | 'reject' | 'withdraw';

const FROM: Record<Transition, BulletinRecord['status'][]> = {
  submit: ['draft'],
  approve: ['submitted'],
  reject: ['submitted'],
  withdraw: ['approved', 'published', 'submitted'],
};

/** The review flow: draft → submitted → approved by a second admin → published at its time; withdrawing keeps the record. */
export async function moveBulletin(
  deps: BulletinDeps,
  admin: Reader,
  communityId: string,
  bulletinId: string,
  transition: Transition,
  reason?: string,
) {
  editor(admin);
  const before = await load(deps, communityId, bulletinId);
  if (!FROM[transition].includes(before.status))
    throw new ConflictError(
      'BULLETIN_WRONG_STATE',
      `该公告当前为“${BULLETIN_STATUS_LABELS[before.status]}”，不能进行此操作`,
    );
  if (transition === 'approve' && before.authorId === admin.userId)
    throw new ForbiddenError('SELF_APPROVAL', '不能审核自己撰写的公告，请由另一位管理员审核');
  const now = deps.now();
  const at = now.toISOString();
  let after: BulletinRecord = { ...before, updatedAt: at };
  if (transition === 'submit') after = { ...after, status: 'submitted', rejectReason: null };
  if (transition === 'reject') after = { ...after, status: 'draft', rejectReason: reason ?? null };
  if (transition === 'withdraw') after = { ...after, status: 'withdrawn' };
  if (transition === 'approve') {
    const due = !before.publishAt || before.publishAt <= at;
    after = {
      ...after,
      status: due ? 'published' : 'approved',
      publishedAt: due ? at : null,
      approverId: admin.userId,
      approverName: admin.name,
    };
  }
  if (!(await deps.bulletins.update(before, after, now))) throw changed();
  return { ...after, version: before.version + 1 };
}

/** The scheduled publisher: approved bulletins whose time has come go out, once each. */
export async function publishDue(deps: BulletinDeps, now: Date): Promise<{ changed: number }> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.communities.list(cursor, 50);
    for (const community of page.items) {
      for (const b of await deps.bulletins.due(community.communityId, now.toISOString())) {
        const published: BulletinRecord = {
          ...b,
          status: 'published',
          publishedAt: b.publishAt ?? now.toISOString(),
          updatedAt: now.toISOString(),
        };
        if (await deps.bulletins.update(b, published, now)) count++;
      }
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return { changed: count };
}

export function bulletinPublishSweep(deps: () => BulletinDeps) {
  return { name: 'bulletin-publish', run: (now: Date) => publishDue(deps(), now) };
}
