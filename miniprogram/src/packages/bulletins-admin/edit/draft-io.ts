/**
 * Where a bulletin draft is loaded from and saved to (`DraftIo`): a
 * community's bulletins here, a street's in `packages/street`, one draft hook.
 */
import { blocksToMarkup } from '@linli/shared/rules';
import { type Bulletin, type BulletinInput, bulletinsApi } from '@/services/bulletins';
import { publishAtOf } from './publish-time-field';
import type { Draft } from './use-bulletin-draft';

/** What the draft hook reads of a saved bulletin (a community's or a street's). */
export type SavedBulletin = Pick<
  Bulletin,
  | 'bulletinId'
  | 'version'
  | 'allowedActions'
  | 'status'
  | 'statusLabel'
  | 'publishAt'
  | 'title'
  | 'kind'
  | 'blocks'
  | 'important'
  | 'pinned'
  | 'coverUrl'
>;

/** The audience parts of a draft. */
export type DraftAudience = Pick<Draft, 'audienceType' | 'estateIds' | 'gridIds' | 'communityIds'>;

/** The fields every bulletin body has, from a draft. */
export function commonBodyOf(d: Draft) {
  return {
    title: d.title.trim(),
    kind: d.kind,
    body: blocksToMarkup(d.blocks),
    important: d.important,
    pinned: d.pinned,
    publishAt: publishAtOf(d),
  };
}

/**
 * Where a draft is loaded from and saved to: a community's bulletins, or a
 * street's (`packages/street`), which reuse this hook with their own calls.
 */
export interface DraftIo<B extends SavedBulletin, I> {
  /** What identifies the bulletin being edited (null: nothing to load). */
  loadKey: string | null;
  load(): Promise<B>;
  audienceOf(b: B): DraftAudience;
  bodyOf(d: Draft, saved: B | undefined): I;
  create(body: I, idempotencyKey: string): Promise<B>;
  update(saved: B, body: I): Promise<B>;
  submit(saved: B): Promise<B>;
  /** Where covers are uploaded (none: the page offers no cover). */
  uploadCommunityId?: string;
}

function bodyOf(d: Draft, keepCover: string | null): BulletinInput {
  const audience: BulletinInput['audience'] =
    d.audienceType === 'estates'
      ? { type: 'estates', estateIds: d.estateIds }
      : d.audienceType === 'grids'
        ? { type: 'grids', gridIds: d.gridIds }
        : { type: 'community' };
  return { ...commonBodyOf(d), coverKey: d.coverKey ?? keepCover, audience };
}

/** A community's bulletins, through bulletinsApi. */
export function communityIo(communityId: string | undefined, editingId: string): DraftIo<Bulletin, BulletinInput> {
  const id = communityId ?? '';
  return {
    loadKey: communityId && editingId ? `${communityId}:${editingId}` : null,
    load: () => bulletinsApi.get(id, editingId),
    audienceOf: (b) => ({
      audienceType: b.audience.type,
      estateIds: b.audience.type === 'estates' ? b.audience.estateIds : [],
      gridIds: b.audience.type === 'grids' ? b.audience.gridIds : [],
      communityIds: [],
    }),
    bodyOf: (d, saved) => bodyOf(d, coverKeyOf(saved)),
    create: (body, key) => bulletinsApi.create(id, body, key),
    update: (saved, body) => bulletinsApi.update(id, saved.bulletinId, { ...body, version: saved.version }),
    submit: (saved) => bulletinsApi.move(id, saved.bulletinId, 'submit'),
    ...(communityId ? { uploadCommunityId: communityId } : {}),
  };
}

/** The cover a saved bulletin already has, as its photo key (`…/photos/…` inside its URL). */
function coverKeyOf(b: SavedBulletin | undefined): string | null {
  const match = b?.coverUrl
    ? /photos\/[A-Za-z0-9_-]+\/bulletin\/\d{4}-\d{2}\/[a-z0-9]+\.(jpg|png|webp)/.exec(b.coverUrl)
    : null;
  return match?.[0] ?? null;
}
