/**
 * Street bulletins (街道公告): a street admin writes one for every community
 * of the street or chosen ones; a different admin of the same street
 * approves or returns it, by the community bulletins' lifecycle in shared/.
 * Approving writes its copies into the communities (`street-copies.ts`).
 */
import {
  allowedBulletinActions,
  type BulletinAction,
  ConflictError,
  editMakesRevision,
  ForbiddenError,
  NotFoundError,
  nextBulletinStatus,
  type StreetBulletin,
  type StreetBulletinBody,
  type StreetRole,
  ValidationError,
} from '@linli/shared';
import { streetBulletins } from '../../data/bulletins/street.js';
import type { BulletinRecord, StreetBulletinRecord } from '../../data/bulletins.js';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import type { PhotoToCheck } from '../../data/photo-checks.js';
import type { StreetRecord, StreetsRepository } from '../../data/streets.js';
import { streetPhotoPrefix } from '../communities/uploads.js';
import { keepPhotos } from '../feedback/checks.js';
import type { BulletinDeps, Reader } from './deps.js';
import { bulletinView } from './read.js';
import { copyWrites, followCopies, targetsOf } from './street-copies.js';
import { enforce, prepareText, reviewStep, type Transition } from './write.js';

export interface StreetBulletinDeps extends BulletinDeps {
  streets: Pick<StreetsRepository, 'get'>;
}

/** The caller at the street: who they are and their roles over it. */
export interface StreetEditor {
  userId: string;
  name: string;
  openid?: string;
  roles: readonly StreetRole[];
}

const notStreetEditor = () => new ForbiddenError('STREET_ROLE_REQUIRED', '只有街道管理员可以编辑街道公告');
const changed = () => new ConflictError('BULLETIN_CHANGED', '公告刚被其他管理员修改，请刷新后再试');

async function streetOf(deps: StreetBulletinDeps, streetId: string): Promise<StreetRecord> {
  const street = await deps.streets.get(streetId);
  if (!street) throw new NotFoundError('STREET_NOT_FOUND', '找不到该街道');
  return street;
}

/**
 * The text as the community bulletins take it, for communities of this street only; its pictures the street's
 * own (`POST /v1/streets/{streetId}/uploads`): one photo, shown by every community's copy.
 */
async function prepare(deps: StreetBulletinDeps, editor: StreetEditor, street: StreetRecord, body: StreetBulletinBody) {
  const { title, blocks, check } = await prepareText(deps, editor, body);
  if (body.audience.type === 'communities')
    body.audience.communityIds.forEach((id, i) => {
      if (!street.communities.some((c) => c.communityId === id))
        throw new ValidationError([{ field: `body.audience.communityIds.${i}`, message: '该街道没有这个社区' }]);
    });
  const images = imagesOf(blocks);
  images.forEach((key, i) => {
    if (!key.startsWith(streetPhotoPrefix(street.streetId)))
      throw new ValidationError(
        [{ field: 'body.body', message: `正文第 ${i + 1} 张图片不是本街道上传的，请删除后重新插入` }],
        'PHOTO_NOT_THE_STREETS',
      );
  });
  await keepPhotos(deps, images, () => 'body.body');
  await check();
  const audience: StreetBulletinRecord['audience'] =
    body.audience.type === 'street'
      ? { type: 'street' }
      : { type: 'communities', communityIds: [...new Set(body.audience.communityIds)] };
  return { title, blocks, audience };
}

const imagesOf = (blocks: StreetBulletinRecord['blocks']) => [
  ...new Set(blocks.flatMap((b) => (b.type === 'image' ? [b.key] : []))),
];

/**
 * Pictures new to the street bulletin, for WeChat's asynchronous check. The check's owner is the street bulletin:
 * a risky picture is marked there once (its version bumped), and every community's copy reads the mark from it
 * (`read.ts`, `feed.ts`); the editor who added it is told.
 */
function pictureChecks(
  b: StreetBulletinRecord,
  before: StreetBulletinRecord | null,
  editor: StreetEditor,
): PhotoToCheck[] {
  const had = new Set(before ? imagesOf(before.blocks) : []);
  const { pk, sk } = streetBulletins.key(b);
  return imagesOf(b.blocks)
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
          communityId: null,
          link: `packages/street/bulletin-edit/index?streetId=${b.streetId}&bulletinId=${b.bulletinId}`,
          what: `街道公告“${b.title}”中的一张图片`,
        },
      },
    }));
}

async function load(deps: StreetBulletinDeps, streetId: string, bulletinId: string) {
  const b = await deps.bulletins.getStreetBulletin(streetId, bulletinId);
  if (!b) throw new NotFoundError('BULLETIN_NOT_FOUND', '找不到该公告');
  return b;
}

export async function createStreetBulletin(
  deps: StreetBulletinDeps,
  editor: StreetEditor,
  streetId: string,
  body: StreetBulletinBody,
  idem: Idempotency,
): Promise<StreetBulletinRecord> {
  const street = await streetOf(deps, streetId);
  const { title, blocks, audience } = await prepare(deps, editor, street, body);
  const now = deps.now();
  const at = now.toISOString();
  const record: StreetBulletinRecord = {
    bulletinId: newId(now),
    streetId,
    streetName: street.name,
    title,
    kind: body.kind,
    coverKey: null,
    source: body.body,
    blocks,
    audience,
    important: body.important,
    pinned: body.pinned,
    publishAt: body.publishAt,
    publishedAt: null,
    status: 'draft',
    revision: 1,
    version: 1,
    authorId: editor.userId,
    authorName: editor.name,
    approverId: null,
    approverName: null,
    rejectReason: null,
    readCount: 0,
    activityId: null,
    issueId: null,
    createdAt: at,
    updatedAt: at,
  };
  const checks = deps.photoChecks.checkItems(pictureChecks(record, null, editor), now);
  const replay = (await deps.bulletins.createStreetBulletin(record, idem, now, checks)) as {
    bulletinId: string;
  } | null;
  return replay ? load(deps, streetId, replay.bulletinId) : record;
}

/** Writes `after` with its copies in step (read first, so each write expects what it read). */
async function commit(
  deps: StreetBulletinDeps,
  street: StreetRecord,
  before: StreetBulletinRecord,
  after: StreetBulletinRecord,
  now: Date,
  keepRevision = false,
  checks: PhotoToCheck[] = [],
): Promise<StreetBulletinRecord> {
  const live = (s: StreetBulletinRecord) => s.status === 'approved' || s.status === 'published';
  const involved = [
    ...new Set([...(live(before) ? targetsOf(before, street) : []), ...(live(after) ? targetsOf(after, street) : [])]),
  ];
  const existing = await deps.bulletins.copies(
    involved.map((communityId) => ({ bulletinId: before.bulletinId, communityId })),
  );
  const writes = copyWrites(after, targetsOf(after, street), existing, now.toISOString());
  const kept = keepRevision ? now.toISOString() : undefined;
  const queued = deps.photoChecks.checkItems(checks, now);
  if (!(await deps.bulletins.updateStreetBulletin(before, after, writes, kept, queued))) throw changed();
  await followCopies(deps, writes.written, now);
  return { ...after, version: before.version + 1 };
}

/** Edits a street bulletin; a published one becomes a new revision in every community it is in. */
export async function updateStreetBulletin(
  deps: StreetBulletinDeps,
  editor: StreetEditor,
  streetId: string,
  bulletinId: string,
  body: StreetBulletinBody & { version: number },
) {
  const before = await load(deps, streetId, bulletinId);
  if (before.version !== body.version) throw changed();
  enforce('edit', editor, before, notStreetEditor);
  const street = await streetOf(deps, streetId);
  const { title, blocks, audience } = await prepare(deps, editor, street, body);
  const now = deps.now();
  const after: StreetBulletinRecord = {
    ...before,
    title,
    kind: body.kind,
    source: body.body,
    blocks,
    audience,
    important: body.important,
    pinned: body.pinned,
    publishAt: body.publishAt,
    status: nextBulletinStatus('edit', before, now.toISOString()),
    revision: editMakesRevision(before) ? before.revision + 1 : before.revision,
    updatedAt: now.toISOString(),
  };
  // A published text is kept as it was, as a community's is.
  return commit(deps, street, before, after, now, editMakesRevision(before), pictureChecks(after, before, editor));
}

/** The review flow of the community bulletins, at the street: a second street admin approves. */
export async function moveStreetBulletin(
  deps: StreetBulletinDeps,
  editor: StreetEditor,
  streetId: string,
  bulletinId: string,
  transition: Transition,
  reason?: string,
) {
  const before = await load(deps, streetId, bulletinId);
  enforce(transition, editor, before, notStreetEditor);
  const street = await streetOf(deps, streetId);
  const now = deps.now();
  const at = now.toISOString();
  const after: StreetBulletinRecord = { ...before, ...reviewStep(before, editor, transition, at, reason) };
  return commit(deps, street, before, after, now);
}

/** How the street's admins see it: the community bulletin's view, its audience, and each community's copy. */
export async function streetBulletinViews(
  deps: StreetBulletinDeps,
  editor: StreetEditor,
  street: StreetRecord,
  records: readonly StreetBulletinRecord[],
): Promise<StreetBulletin[]> {
  // Every copy of the page in one batch read.
  const wanted = records.flatMap((s) =>
    targetsOf(s, street).map((communityId) => ({ bulletinId: s.bulletinId, communityId })),
  );
  const copies = new Map<string, BulletinRecord>();
  for (const copy of await deps.bulletins.copies(wanted)) copies.set(`${copy.communityId}#${copy.bulletinId}`, copy);
  const names = new Map(street.communities.map((c) => [c.communityId, c.name]));
  // The community view renders the text for an editor; the actions are the street admin's.
  const asEditor: Reader = { userId: editor.userId, name: editor.name, roles: ['admin'], gridIds: [], home: null };
  return Promise.all(
    records.map(async (s) => {
      const {
        communityId: _c,
        audience: _a,
        fromStreet: _f,
        ...view
      } = await bulletinView(deps, { ...s, communityId: s.streetId, audience: { type: 'community' } }, asEditor, false);
      const communities = targetsOf(s, street).map((communityId) => {
        const copy = copies.get(`${communityId}#${s.bulletinId}`);
        return {
          communityId,
          name: names.get(communityId) ?? communityId,
          status: copy?.status ?? null,
          readCount: copy?.readCount ?? 0,
        };
      });
      return {
        ...view,
        streetId: s.streetId,
        streetName: s.streetName,
        audience: s.audience,
        allowedActions: allowedBulletinActions(editor, s) as BulletinAction[],
        readCount: communities.reduce((sum, c) => sum + c.readCount, 0),
        communities,
      };
    }),
  );
}

export async function streetBulletinView(
  deps: StreetBulletinDeps,
  editor: StreetEditor,
  streetId: string,
  record: StreetBulletinRecord,
): Promise<StreetBulletin> {
  const [view] = await streetBulletinViews(deps, editor, await streetOf(deps, streetId), [record]);
  return view as StreetBulletin;
}

export async function readStreetBulletin(
  deps: StreetBulletinDeps,
  editor: StreetEditor,
  streetId: string,
  bulletinId: string,
) {
  return streetBulletinView(deps, editor, streetId, await load(deps, streetId, bulletinId));
}

export async function listStreetBulletins(
  deps: StreetBulletinDeps,
  editor: StreetEditor,
  streetId: string,
  q: { status: StreetBulletinRecord['status']; cursor?: string; limit: number },
) {
  const street = await streetOf(deps, streetId);
  const page = await deps.bulletins.streetBulletinsByStatus(streetId, q.status, q.cursor, q.limit);
  return { items: await streetBulletinViews(deps, editor, street, page.items), cursor: page.cursor };
}

/** The street's communities, for the editor's picker. */
export async function streetAudience(deps: StreetBulletinDeps, streetId: string) {
  const street = await streetOf(deps, streetId);
  return { streetId, name: street.name, communities: street.communities };
}
