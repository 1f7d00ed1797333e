import {
  BULLETIN_STATUS_LABELS,
  type BulletinAction,
  type BulletinActor,
  type BulletinBody,
  type BulletinFacts,
  blocksText,
  bulletinRefusal,
  ConflictError,
  canWriteBulletins,
  editMakesRevision,
  ForbiddenError,
  MarkupError,
  NotFoundError,
  nextBulletinStatus,
  parseMarkup,
  plainText,
  publishesOnTime,
  ValidationError,
} from '@linli/shared';
import { bulletins } from '../../data/bulletins/bulletin.js';
import type { BulletinRecord } from '../../data/bulletins.js';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import type { PhotoToCheck } from '../../data/photo-checks.js';
import { checkPhotos, checkText } from '../feedback/checks.js';
import type { SweepBudget } from '../sweep-budget.js';
import { announce, announceAfterPublish, SWEEP_BUDGET_MS, startsAnnouncement } from './announce.js';
import type { BulletinDeps, Reader } from './deps.js';
import { backfillFeed, startsFeedSync, syncFeed, syncFeedAfterWrite } from './feed.js';
import { streetCopyPublished } from './street-copies.js';

/** The images a bulletin shows: its cover and its image blocks. */
function imagesOf(b: Pick<BulletinRecord, 'coverKey' | 'blocks'>): string[] {
  return [
    ...new Set([...(b.coverKey ? [b.coverKey] : []), ...b.blocks.flatMap((x) => (x.type === 'image' ? [x.key] : []))]),
  ];
}

/**
 * Images new to the bulletin, for WeChat's asynchronous check: a risky one
 * is marked on the bulletin (its version bumped) and the editor who added it told.
 */
function imageChecks(b: BulletinRecord, before: BulletinRecord | null, editor: Reader): PhotoToCheck[] {
  const had = new Set(before ? imagesOf(before) : []);
  const { pk, sk } = bulletins.key(b);
  return imagesOf(b)
    .filter((key) => !had.has(key))
    .map((photoKey) => ({
      photoKey,
      openid: editor.openid ?? null,
      owner: {
        pk,
        sk,
        versioned: true,
        notify: {
          userId: editor.userId,
          communityId: b.communityId,
          link: `packages/bulletins-admin/edit/index?communityId=${b.communityId}&bulletinId=${b.bulletinId}`,
          what: photoKey === b.coverKey ? `公告“${b.title}”的封面图片` : `公告“${b.title}”中的一张图片`,
        },
      },
    }));
}

/** The title and body, sanitised on the way in: text without tags, a body of blocks, passed by WeChat's text check. */
export async function prepareText(
  deps: Pick<BulletinDeps, 'wechat'>,
  author: Pick<Reader, 'openid'>,
  body: Pick<BulletinBody, 'title' | 'body'>,
) {
  const title = plainText(body.title).trim();
  if (title.length < 2) throw new ValidationError([{ field: 'body.title', message: '标题去掉标签后至少 2 个字' }]);
  let blocks: ReturnType<typeof parseMarkup>;
  try {
    blocks = parseMarkup(body.body);
  } catch (error) {
    if (error instanceof MarkupError) throw new ValidationError([{ field: 'body.body', message: error.message }]);
    throw error;
  }
  return {
    title,
    blocks,
    check: () => checkText(deps, author.openid, { field: 'body.body', value: `${title}\n${blocksText(blocks)}` }),
  };
}

/** Sanitised on the way in: text without tags, a body of blocks, images of this community, audience that exists. */
async function prepare(deps: BulletinDeps, author: Reader, communityId: string, body: BulletinBody) {
  const community = await deps.communities.get(communityId);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const { title, blocks, check } = await prepareText(deps, author, body);
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
  await check();
  return { title, blocks };
}

const notEditor = () => new ForbiddenError('ROLE_REQUIRED', '只有社区管理员可以编辑公告');

function editor(reader: Reader) {
  if (!canWriteBulletins(reader)) throw notEditor();
}

/** The lifecycle in shared/ decides; this only names its refusal as the error a client reads. */
export function enforce(
  action: BulletinAction,
  actor: BulletinActor,
  b: BulletinFacts & { status: BulletinRecord['status'] },
  notAllowed: () => Error = notEditor,
) {
  const why = bulletinRefusal(action, actor, b);
  if (why === 'role') throw notAllowed();
  if (why === 'street') throw new ForbiddenError('STREET_BULLETIN', '这是街道发布的公告，只能由街道管理员修改或撤回');
  if (why === 'self_approval')
    throw new ForbiddenError('SELF_APPROVAL', '不能审核自己撰写的公告，请由另一位管理员审核');
  if (why === 'state' && action === 'edit') throw new ConflictError('BULLETIN_WITHDRAWN', '已撤回的公告不能再编辑');
  if (why === 'state')
    throw new ConflictError(
      'BULLETIN_WRONG_STATE',
      `该公告当前为“${BULLETIN_STATUS_LABELS[b.status]}”，不能进行此操作`,
    );
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
  const checks = deps.photoChecks.checkItems(imageChecks(record, null, author), now);
  const replay = (await deps.bulletins.create(record, idem, now, checks)) as { bulletinId: string } | null;
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
  enforce('edit', author, before);
  const { title, blocks } = await prepare(deps, author, communityId, body);
  const revision = editMakesRevision(before);
  const now = deps.now();
  let after: BulletinRecord = {
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
    status: nextBulletinStatus('edit', before, now.toISOString()),
    revision: revision ? before.revision + 1 : before.revision,
    updatedAt: now.toISOString(),
  };
  // A published bulletin made important now reaches its residents' 消息 too.
  const announcing = startsAnnouncement(before, after);
  if (announcing) after = { ...after, announce: 'pending' };
  // A new revision of a published bulletin replaces its feed entries.
  if (startsFeedSync(before, after)) after = { ...after, feedSync: 'pending' };
  const checks = deps.photoChecks.checkItems(imageChecks(after, before, author), now);
  if (!(await deps.bulletins.update(before, after, now, revision, checks))) throw changed();
  const saved = { ...after, version: before.version + 1 };
  if (saved.feedSync === 'pending') await syncFeedAfterWrite(deps, saved);
  if (announcing) await announceAfterPublish(deps, saved, now);
  return saved;
}

export type Transition = Exclude<BulletinAction, 'edit'>;

/** What a move of the review flow changes on a bulletin (a community's or a street's), the decision kept with it. */
type Reviewed = Pick<
  BulletinRecord,
  'status' | 'decisions' | 'rejectReason' | 'publishedAt' | 'approverId' | 'approverName'
>;

export function reviewStep(
  before: Reviewed & BulletinFacts,
  actor: { userId: string; name: string },
  transition: Transition,
  at: string,
  reason?: string,
): Reviewed & { updatedAt: string } {
  const status = nextBulletinStatus(transition, before, at);
  const after: Reviewed & { updatedAt: string } = {
    status,
    // The decision is kept on the bulletin, written with the change it makes (a refused write keeps neither).
    decisions:
      transition === 'submit'
        ? before.decisions
        : [
            ...(before.decisions ?? []),
            { action: transition, byId: actor.userId, byName: actor.name, at, reason: reason ?? null },
          ],
    rejectReason: transition === 'submit' ? null : transition === 'reject' ? (reason ?? null) : before.rejectReason,
    publishedAt: before.publishedAt,
    approverId: before.approverId,
    approverName: before.approverName,
    updatedAt: at,
  };
  if (transition === 'approve')
    Object.assign(after, {
      publishedAt: status === 'published' ? at : null,
      approverId: actor.userId,
      approverName: actor.name,
    });
  if (after.decisions === undefined) delete after.decisions;
  return after;
}

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
  enforce(transition, admin, before);
  const now = deps.now();
  const at = now.toISOString();
  let after: BulletinRecord = { ...before, ...reviewStep(before, admin, transition, at, reason) };
  const announcing = startsAnnouncement(before, after);
  if (announcing) after = { ...after, announce: 'pending' };
  // Published at once, or withdrawn: its feed entries are written or taken out after the change commits.
  if (startsFeedSync(before, after)) after = { ...after, feedSync: 'pending' };
  if (!(await deps.bulletins.update(before, after, now))) throw changed();
  const saved = { ...after, version: before.version + 1 };
  if (saved.feedSync === 'pending') await syncFeedAfterWrite(deps, saved);
  // Published at once: the residents hear of an important one after the publication commits.
  if (announcing) await announceAfterPublish(deps, saved, now);
  return saved;
}

/**
 * The scheduled publisher: approved bulletins whose time has come go out,
 * once each; important ones are then announced in their residents' 消息,
 * and announcements a request ran out of time for are finished here.
 */
export async function publishDue(
  deps: BulletinDeps,
  now: Date,
  tick: SweepBudget = { spent: () => false, remainingMs: () => SWEEP_BUDGET_MS },
): Promise<{ changed: number; more?: boolean }> {
  let count = 0;
  let cursor: string | undefined;
  const started = Date.now();
  // Within the tick's share, and never more than the announcements' own limit.
  const budget = () => Math.max(0, Math.min(tick.remainingMs(), SWEEP_BUDGET_MS - (Date.now() - started)));
  let more = false;
  do {
    const page = await deps.communities.list(cursor, 50);
    for (const community of page.items) {
      const announcing = new Map<string, BulletinRecord>();
      const syncing = new Map<string, BulletinRecord>();
      for (const b of await deps.bulletins.due(community.communityId, now.toISOString())) {
        // The index lags a moment: one withdrawn or changed since is left alone.
        if (!publishesOnTime(b, now.toISOString())) continue;
        let published: BulletinRecord = {
          ...b,
          status: 'published',
          publishedAt: b.publishAt ?? now.toISOString(),
          updatedAt: now.toISOString(),
        };
        if (startsAnnouncement(b, published)) published = { ...published, announce: 'pending' };
        if (startsFeedSync(b, published)) published = { ...published, feedSync: 'pending' };
        if (!(await deps.bulletins.update(b, published, now))) continue;
        count++;
        const saved = { ...published, version: b.version + 1 };
        // A street bulletin's copy: the street's bulletin is published with the first of them.
        if (b.origin) await streetCopyPublished(deps, saved, now.toISOString());
        syncing.set(b.bulletinId, saved);
        if (published.announce === 'pending') announcing.set(b.bulletinId, saved);
      }
      // Feed entries first (what residents open), each from the bulletin as it is now; the index lags a moment.
      for (const { bulletinId } of await deps.bulletins.unsynced(community.communityId))
        if (!syncing.has(bulletinId)) {
          const current = await deps.bulletins.get(community.communityId, bulletinId);
          if (current?.feedSync === 'pending') syncing.set(bulletinId, current);
        }
      for (const b of syncing.values()) if (budget() > 0) await syncFeed(deps, b, budget());
      if (budget() > 0) await backfillFeed(deps, community.communityId, budget());
      // The index lags the writes above a moment: those are announced from what was written.
      for (const b of await deps.bulletins.unannounced(community.communityId))
        if (!announcing.has(b.bulletinId)) announcing.set(b.bulletinId, b);
      for (const b of announcing.values()) if (budget() > 0) await announce(deps, b, now, budget());
      // Feed entries or announcements left for want of time: another turn, or the next tick, finishes them.
      if (budget() <= 0) more = true;
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return more ? { changed: count, more } : { changed: count };
}

export function bulletinPublishSweep(deps: () => BulletinDeps) {
  return { name: 'bulletin-publish', run: (now: Date, budget: SweepBudget) => publishDue(deps(), now, budget) };
}
