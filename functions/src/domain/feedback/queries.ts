import {
  canSeeAsStaff,
  type FeedbackDetail,
  type FeedbackStatus,
  ForbiddenError,
  isOpen,
  NotFoundError,
  ROLE_LABELS,
  type Role,
} from '@linli/shared';
import type { EventRecord, QueueScope, ReportRecord } from '../../data/feedback.js';
import type { Actor, FeedbackDeps } from './deps.js';
import { eventView, factsOf, reportView } from './view.js';

/** What a neighbour (not the reporter, not staff) may know of who reported. */
function shownReporter(r: ReportRecord, actor: Actor): string {
  if (r.reporterId === actor.userId || canSeeAsStaff(actor, factsOf(r))) return r.reporterName;
  if (r.anonymous) return '匿名居民';
  return `${[...r.reporterName][0] ?? ''}**`;
}

export async function views(deps: FeedbackDeps, actor: Actor, reports: ReportRecord[]) {
  const now = deps.now();
  return Promise.all(
    reports.map(async (r) => ({
      ...(await reportView(r, actor, deps.photos, now)),
      reporterName: shownReporter(r, actor),
    })),
  );
}

/** A report and its timeline; residents never see internal notes, and strangers see nothing. */
export async function detailFor(
  deps: FeedbackDeps,
  actor: Actor,
  communityId: string,
  reportId: string,
): Promise<FeedbackDetail> {
  const loaded = await deps.feedback.get(communityId, reportId);
  if (!loaded) throw new NotFoundError('FEEDBACK_NOT_FOUND', '找不到该反映');
  return detailOf(deps, actor, loaded.report, loaded.events);
}

/** A report and its timeline (in the table's order: time, then id) as `actor` may see them. */
export async function detailOf(
  deps: FeedbackDeps,
  actor: Actor,
  report: ReportRecord,
  events: readonly EventRecord[],
): Promise<FeedbackDetail> {
  const staff = canSeeAsStaff(actor, factsOf(report));
  if (!staff && report.reporterId !== actor.userId && !report.supporterIds.includes(actor.userId))
    throw new NotFoundError('FEEDBACK_NOT_FOUND', '找不到该反映');
  const [view] = await views(deps, actor, [report]);
  const shown = events.filter((e) => staff || e.visibility === 'public');
  return {
    report: view as FeedbackDetail['report'],
    events: await Promise.all(shown.map((e) => eventView(e, deps.photos, report.riskyPhotos ?? [], staff))),
  };
}

export async function listMine(
  deps: FeedbackDeps,
  actor: Actor,
  communityId: string,
  cursor: string | undefined,
  limit: number,
) {
  const found = await deps.feedback.listOfReporter(actor.userId, communityId, cursor, limit);
  return { items: await views(deps, actor, found.items), cursor: found.cursor };
}

export interface QueueQuery {
  status: FeedbackStatus | 'open' | 'done';
  category?: string;
  gridId?: string;
  overdue?: 'true' | 'false';
  cursor?: string;
  limit: number;
}

/** Whose queue: admins see the community, grid workers a grid of theirs, property staff what was sent to them. */
function scopeFor(actor: Actor, gridId: string | undefined): QueueScope {
  const is = (role: Role) => actor.roles.includes(role);
  if (is('admin')) return gridId ? { kind: 'grid', gridId } : { kind: 'community' };
  if (is('grid_worker')) {
    const grid = gridId ?? actor.gridIds[0];
    if (!grid || !actor.gridIds.includes(grid))
      throw new ForbiddenError('GRID_NOT_YOURS', `${ROLE_LABELS.grid_worker}只能查看自己负责的网格`);
    return { kind: 'grid', gridId: grid };
  }
  return { kind: 'assignee', assignee: 'property' };
}

export async function listQueue(deps: FeedbackDeps, actor: Actor, communityId: string, q: QueueQuery) {
  const scope = scopeFor(actor, q.gridId);
  const specific = q.status !== 'open' && q.status !== 'done' ? q.status : undefined;
  const done = specific ? !isOpen(specific) : q.status === 'done';
  const found = await deps.feedback.listQueue(
    communityId,
    scope,
    done,
    {
      statuses: specific ? [specific] : undefined,
      category: q.category,
      overdueAt: q.overdue === 'true' ? deps.now().toISOString() : undefined,
    },
    q.cursor,
    q.limit,
  );
  return { items: await views(deps, actor, found.items), cursor: found.cursor };
}

const SIMILAR_DAYS = 30;

/** Open reports of the same building and category in the last 30 days: join one instead of filing twice. */
export async function similarOpen(
  deps: FeedbackDeps,
  actor: Actor,
  communityId: string,
  buildingId: string,
  category: string,
) {
  const now = deps.now();
  const since = new Date(now.getTime() - SIMILAR_DAYS * 86_400_000).toISOString();
  const found = await deps.feedback.similarOpen(communityId, buildingId, category, since, `${now.toISOString()}~`);
  return { items: await views(deps, actor, found.slice(-10).reverse()) };
}

/** The public board: what was fixed, where (estate and building only) — never who asked. */
export async function board(deps: FeedbackDeps, communityId: string, cursor: string | undefined, limit: number) {
  const found = await deps.feedback.listBoard(communityId, cursor, limit);
  return {
    items: found.items.map((r) => ({
      reportId: r.reportId,
      categoryLabel: r.categoryLabel,
      description: [...r.description].length > 100 ? `${[...r.description].slice(0, 99).join('')}…` : r.description,
      place: r.location.address.split(' ').slice(0, 2).join(' '),
      createdAt: r.createdAt,
      resolvedAt: r.resolvedAt,
      resolution: r.resolution?.note ?? null,
      rating: r.rating?.score ?? null,
    })),
    cursor: found.cursor,
  };
}

/** Staff of the community for the dispatch picker. */
export async function listStaff(deps: Pick<FeedbackDeps, 'users'>, communityId: string) {
  const members = await deps.users.listMembers(communityId);
  return {
    items: members
      .filter((m) => m.roles.some((r) => r !== 'resident'))
      .map((m) => ({ userId: m.userId, name: m.name, roles: m.roles, gridIds: m.gridIds, stationIds: m.stationIds })),
  };
}
