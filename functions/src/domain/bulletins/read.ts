import {
  allowedBulletinActions,
  BULLETIN_DECISION_LABELS,
  BULLETIN_KIND_LABELS,
  BULLETIN_STATUS_LABELS,
  type Bulletin,
  type BulletinStatus,
  ForbiddenError,
  inAudience,
  NotFoundError,
} from '@linli/shared';
import type { BulletinRecord, FeedEntryRecord } from '../../data/bulletins.js';
import { toCsv } from '../feedback/csv.js';
import type { BulletinDeps, Reader } from './deps.js';
import { feedEntry } from './feed-entry.js';

const UNREAD_WINDOW_DAYS = 60;

const isEditor = (r: Reader) => r.roles.includes('admin');
/** Editors and staff without a home here read the whole community's bulletins; residents their audience's. */
const homeOf = (r: Reader) => (isEditor(r) || !r.home ? null : { estateId: r.home.estateId, gridId: r.home.gridId });

function visibleTo(b: BulletinRecord, reader: Reader): boolean {
  if (isEditor(reader)) return true;
  if (b.status !== 'published') return false;
  const home = homeOf(reader);
  return home === null || inAudience(b.audience, home);
}

/**
 * A cover as the reader may see it: one WeChat's check judged risky is
 * never given to residents; editors get it marked `coverHidden`.
 */
export async function coverOf(
  deps: BulletinDeps,
  item: { coverKey: string | null; riskyPhotos?: string[] },
  reader: Reader,
): Promise<{ coverUrl: string | null; coverHidden?: true }> {
  if (!item.coverKey) return { coverUrl: null };
  const hidden = (item.riskyPhotos ?? []).includes(item.coverKey);
  if (hidden && !isEditor(reader)) return { coverUrl: null };
  return { coverUrl: await deps.photos.presignGet(item.coverKey), ...(hidden ? { coverHidden: true as const } : {}) };
}

/**
 * The marks WeChat's verdicts left on a bulletin's images. A street bulletin's copy shows the street's one photo,
 * checked once with the street bulletin as its owner: its marks are read from there, so hiding it once hides it
 * in every community.
 */
export async function riskyOf(
  deps: Pick<BulletinDeps, 'bulletins'>,
  b: Pick<BulletinRecord, 'bulletinId' | 'blocks' | 'riskyPhotos' | 'origin'>,
): Promise<string[]> {
  const own = b.riskyPhotos ?? [];
  if (!b.origin || !b.blocks.some((block) => block.type === 'image')) return own;
  const street = await deps.bulletins.getStreetBulletin(b.origin.streetId, b.bulletinId);
  return [...new Set([...own, ...(street?.riskyPhotos ?? [])])];
}

export async function bulletinView(
  deps: BulletinDeps,
  b: BulletinRecord,
  reader: Reader,
  readByMe: boolean,
): Promise<Bulletin> {
  const url = (key: string) => deps.photos.presignGet(key);
  const risky = new Set(await riskyOf(deps, b));
  const editor = isEditor(reader);
  // A risky image block is left out for residents and shown to editors marked `hidden`.
  const blocks = b.blocks.filter((block) => editor || block.type !== 'image' || !risky.has(block.key));
  return {
    bulletinId: b.bulletinId,
    communityId: b.communityId,
    title: b.title,
    kind: b.kind,
    kindLabel: BULLETIN_KIND_LABELS[b.kind],
    ...(await coverOf(deps, b, reader)),
    coverKey: editor ? b.coverKey : null,
    blocks: await Promise.all(
      blocks.map(async (block) =>
        block.type === 'image'
          ? { ...block, url: await url(block.key), ...(risky.has(block.key) ? { hidden: true as const } : {}) }
          : block,
      ),
    ),
    source: isEditor(reader) ? b.source : null,
    audience: b.audience,
    important: b.important,
    pinned: b.pinned,
    publishAt: b.publishAt,
    publishedAt: b.publishedAt,
    status: b.status,
    statusLabel: BULLETIN_STATUS_LABELS[b.status],
    revision: b.revision,
    version: b.version,
    authorName: b.authorName,
    approverName: b.approverName,
    rejectReason: isEditor(reader) ? b.rejectReason : null,
    decisions: editor
      ? (b.decisions ?? []).map((d) => ({
          action: d.action,
          actionLabel: BULLETIN_DECISION_LABELS[d.action],
          byName: d.byName,
          at: d.at,
          reason: d.reason,
        }))
      : [],
    allowedActions: allowedBulletinActions(reader, b),
    ...(b.origin ? { fromStreet: b.origin.streetName } : {}),
    readCount: b.readCount,
    readByMe,
    activityId: b.activityId,
    issueId: b.issueId,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

async function feedItems(
  deps: BulletinDeps,
  reader: Reader,
  communityId: string,
  items: FeedEntryRecord[],
  known?: Set<string>,
) {
  const read =
    known ??
    (await deps.bulletins.readBy(
      reader.userId,
      communityId,
      items.map((b) => b.bulletinId),
    ));
  return Promise.all(
    items.map(async (b) => ({
      bulletinId: b.bulletinId,
      title: b.title,
      kind: b.kind,
      kindLabel: BULLETIN_KIND_LABELS[b.kind],
      ...(await coverOf(deps, b, reader)),
      excerpt: b.excerpt,
      important: b.important,
      pinned: b.pinned,
      publishedAt: b.publishedAt,
      read: read.has(b.bulletinId),
      ...(b.fromStreet ? { fromStreet: b.fromStreet } : {}),
    })),
  );
}

/** The feed: pinned first, then newest; only what the reader's audience includes, one key query a page. */
export async function feed(
  deps: BulletinDeps,
  reader: Reader,
  communityId: string,
  q: { kind?: string; cursor?: string; limit: number },
) {
  // Residents read their building's feed (the most specific unit a home has), with their read marks in it;
  // everyone else the community's, and their receipts apart.
  const buildingId = homeOf(reader) === null ? null : (reader.home?.buildingId ?? null);
  const page = await deps.bulletins.feed(communityId, buildingId, q.kind, q.cursor, q.limit, reader.userId);
  return { items: await feedItems(deps, reader, communityId, page.items, page.read), cursor: page.cursor };
}

/** Bulletins by review status for editors; grid workers list the published ones, to follow up who has not read them. */
export async function managedBulletins(
  deps: BulletinDeps,
  reader: Reader,
  communityId: string,
  q: { status: BulletinStatus; cursor?: string; limit: number },
) {
  if (!isEditor(reader) && q.status !== 'published')
    throw new ForbiddenError('PUBLISHED_ONLY', '网格员只能查看已发布的公告');
  const page = await deps.bulletins.byStatus(communityId, q.status, q.cursor, q.limit);
  return {
    items: await Promise.all(page.items.map((b) => bulletinView(deps, b, reader, false))),
    cursor: page.cursor,
  };
}

export async function unreadCount(deps: BulletinDeps, reader: Reader, communityId: string) {
  const since = new Date(deps.now().getTime() - UNREAD_WINDOW_DAYS * 86_400_000).toISOString();
  const [published, read] = await Promise.all([
    deps.bulletins.publishedSince(communityId, homeOf(reader), since),
    deps.bulletins.readsOfUserSince(reader.userId, communityId, since),
  ]);
  const unread = published.filter((b) => !read.has(b.bulletinId));
  return { unread: unread.length, importantUnread: unread.filter((b) => b.important).length };
}

async function visible(deps: BulletinDeps, reader: Reader, communityId: string, bulletinId: string) {
  const b = await deps.bulletins.get(communityId, bulletinId);
  // Outside the reader's audience a bulletin does not exist: same answer as a wrong id.
  if (!b || !visibleTo(b, reader)) throw new NotFoundError('BULLETIN_NOT_FOUND', '找不到该公告');
  return b;
}

export async function readBulletin(deps: BulletinDeps, reader: Reader, communityId: string, bulletinId: string) {
  const b = await visible(deps, reader, communityId, bulletinId);
  const read = await deps.bulletins.readBy(reader.userId, communityId, [bulletinId]);
  return bulletinView(deps, b, reader, read.has(bulletinId));
}

/** "I have read this": once per reader, whatever the retries. */
export async function markRead(deps: BulletinDeps, reader: Reader, communityId: string, bulletinId: string) {
  const b = await visible(deps, reader, communityId, bulletinId);
  if (b.status !== 'published') throw new NotFoundError('BULLETIN_NOT_FOUND', '找不到该公告');
  const at = deps.now().toISOString();
  const first = await deps.bulletins.markRead(b, {
    userId: reader.userId,
    at,
    estateId: reader.home?.estateId ?? null,
    buildingId: reader.home?.buildingId ?? null,
    gridId: reader.home?.gridId ?? null,
  });
  return { readAt: at, first };
}

const rate = (readers: number, audience: number) => (audience ? Math.round((readers / audience) * 1000) / 1000 : null);

/** Readers ÷ audience by building; for important notices, the homes nobody has read it in, by grid. */
export async function readFigures(deps: BulletinDeps, reader: Reader, communityId: string, bulletinId: string) {
  const b = await deps.bulletins.get(communityId, bulletinId);
  if (!b) throw new NotFoundError('BULLETIN_NOT_FOUND', '找不到该公告');
  const [community, members, readers] = await Promise.all([
    deps.communities.get(communityId),
    deps.users.listMembers(communityId),
    deps.bulletins.readers(communityId, bulletinId),
  ]);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const homes = members.filter((m) => m.home && inAudience(b.audience, m.home));
  const readIds = new Set(readers.map((r) => r.userId));
  const byBuilding = community.buildings
    .map((building) => {
      const here = homes.filter((m) => m.home?.buildingId === building.buildingId);
      const read = here.filter((m) => readIds.has(m.userId)).length;
      return {
        buildingId: building.buildingId,
        name: `${community.estates.find((e) => e.estateId === building.estateId)?.name ?? ''} ${building.name}`,
        audience: here.length,
        readers: read,
        rate: rate(read, here.length),
      };
    })
    .filter((row) => row.audience > 0);
  const grids = reader.roles.includes('admin')
    ? community.grids
    : community.grids.filter((g) => reader.gridIds.includes(g.gridId));
  const unreadByGrid = b.important
    ? grids
        .map((g) => ({
          gridId: g.gridId,
          name: g.name,
          households: homes
            .filter((m) => m.home?.gridId === g.gridId && !readIds.has(m.userId))
            .map((m) => ({ address: m.home?.address ?? '', residentName: m.name })),
        }))
        .filter((g) => g.households.length > 0)
    : [];
  const readersInAudience = homes.filter((m) => readIds.has(m.userId)).length;
  return {
    bulletinId,
    audienceHouseholds: homes.length,
    readers: readersInAudience,
    rate: rate(readersInAudience, homes.length),
    byBuilding,
    unreadByGrid,
  };
}

export async function readFiguresCsv(deps: BulletinDeps, reader: Reader, communityId: string, bulletinId: string) {
  const figures = await readFigures(deps, reader, communityId, bulletinId);
  const rows: string[][] = [
    ['楼栋', '应读户数', '已读户数', '阅读率'],
    ...figures.byBuilding.map((r) => [
      r.name,
      String(r.audience),
      String(r.readers),
      r.rate === null ? '' : `${(r.rate * 100).toFixed(1)}%`,
    ]),
    [],
    ['网格', '未读住户', '居民'],
    ...figures.unreadByGrid.flatMap((g) => g.households.map((h) => [g.name, h.address, h.residentName])),
  ];
  return { filename: `公告阅读-${bulletinId}.csv`, csv: toCsv(rows) };
}

export async function newsletterIssue(deps: BulletinDeps, reader: Reader, communityId: string, issueId: string) {
  const issue = await deps.bulletins.newsletter(communityId, issueId);
  if (!issue) throw new NotFoundError('NEWSLETTER_NOT_FOUND', '找不到该期睦邻服务报');
  const articles = (await Promise.all(issue.bulletinIds.map((id) => deps.bulletins.get(communityId, id)))).filter(
    (b): b is BulletinRecord => b !== undefined && visibleTo(b, reader) && b.status === 'published',
  );
  return {
    issueId: issue.issueId,
    title: issue.title,
    ...(await coverOf(deps, issue, reader)),
    createdAt: issue.createdAt,
    articles: await feedItems(deps, reader, communityId, articles.map(feedEntry)),
  };
}
