/**
 * Reports as Open311 service requests. Photos and links stay private (no
 * media_url), a resident's map pin too, and no field names or reaches the
 * person who reported.
 */

import type { Open311Request, Open311RequestsQuery } from '@linli/shared';
import { isOpen, NotFoundError, OPEN311_MAX_RESULTS, ValidationError } from '@linli/shared';
import type * as z from 'zod';
import type { CommunityRecord } from '../../data/communities.js';
import type { Open311ReportFields } from '../../data/feedback.js';
import type { Open311Deps } from './deps.js';
import { jurisdiction } from './jurisdiction.js';

type Request = z.output<typeof Open311Request>;
type RequestsQuery = z.output<typeof Open311RequestsQuery>;

const DAY_MS = 86_400_000;
/** The specification's default and widest window: 90 days. */
const MAX_SPAN_MS = 90 * DAY_MS;
const MAX_IDS = 100;
/** What an ISO time in a key can say: 0000-01-01 … 9999-12-31 (past it, `+010000-…` sorts before every year). */
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** A report as a service request, from the report item alone (it carries its latest public note). */
export function toOpen311Request(r: Open311ReportFields, community: CommunityRecord): Request {
  const grid = community.grids.find((g) => g.gridId === r.gridId);
  const estate = community.estates.find((e) => e.estateId === r.location.estateId);
  const building = community.buildings.find((b) => b.buildingId === r.location.buildingId);
  // Public data: the estate and building, never the unit or a resident's own words about where; an
  // Open311 client's address_string was given to a public API and comes back as it was sent.
  const named = [estate?.name, building?.name].filter(Boolean).join(' ');
  const address = named || (r.channel === 'open311' ? r.location.detail : '');
  // Likewise a point: public when a client posted it to this public API, private when a resident pinned it.
  const point = r.channel === 'open311' ? r.location.point : null;
  return {
    service_request_id: r.reportId,
    status: isOpen(r.status) ? 'open' : 'closed',
    status_notes: r.publicNote ?? null,
    service_name: r.categoryLabel,
    service_code: r.category,
    description: r.description,
    agency_responsible: r.assignee?.name ?? grid?.name ?? null,
    service_notice: null,
    requested_datetime: r.createdAt,
    updated_datetime: r.updatedAt ?? r.createdAt,
    expected_datetime: r.resolveBy,
    address,
    address_id: r.location.buildingId,
    zipcode: null,
    lat: point?.lat ?? null,
    long: point?.long ?? null,
    media_url: null,
  };
}

const clamp = (ms: number) => Math.min(LATEST_MS, Math.max(EARLIEST_MS, ms));

/**
 * `[start, end]` from the query: the last 90 days unless said, never wider
 * than 90 days, clamped to the times a key can hold; null when it lies wholly
 * in the future (nothing can have been filed then).
 */
export function window(
  q: Pick<RequestsQuery, 'start_date' | 'end_date'>,
  now: Date,
): { start: string; end: string } | null {
  const start = q.start_date ? Date.parse(q.start_date) : undefined;
  const end = q.end_date ? Date.parse(q.end_date) : undefined;
  if (start !== undefined && end !== undefined && start > end)
    throw new ValidationError([{ field: 'query.start_date', message: 'start_date 不能晚于 end_date' }]);
  if (start !== undefined && end !== undefined && end - start > MAX_SPAN_MS)
    throw new ValidationError([{ field: 'query.end_date', message: '查询时段不能超过 90 天' }]);
  const from = start ?? (end ?? now.getTime()) - MAX_SPAN_MS;
  const to = end ?? (start !== undefined ? start + MAX_SPAN_MS : now.getTime());
  if (from > now.getTime()) return null;
  return { start: new Date(clamp(from)).toISOString(), end: new Date(clamp(to)).toISOString() };
}

/** The query's page: which of the newest `reach` requests to answer (page × page_size stays within 1000). */
export function pageOf(q: Pick<RequestsQuery, 'page' | 'page_size'>): { skip: number; reach: number } {
  const reach = q.page * q.page_size;
  if (reach > OPEN311_MAX_RESULTS)
    throw new ValidationError([
      { field: 'query.page', message: `page × page_size 不能超过 ${OPEN311_MAX_RESULTS}，请缩小 start_date/end_date` },
    ]);
  return { skip: reach - q.page_size, reach };
}

/** `a,b,a` → `[a, b]`; absent → undefined. */
export function listParam(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : [...new Set(value.split(','))];
}

/**
 * Service requests of a jurisdiction, newest first, with the specification's
 * filters, a page at a time: one key query on each queue the status asks for
 * (open, done, or both side by side), each reading no more than the page
 * reaches, with only the fields a request shows.
 */
export async function listOpen311Requests(
  deps: Pick<Open311Deps, 'communities' | 'feedback' | 'now'>,
  q: RequestsQuery,
): Promise<Request[]> {
  const community = await jurisdiction(deps, q.jurisdiction_id);
  const cid = community.communityId;
  const ids = listParam(q.service_request_id);
  if (ids) {
    // Asked by id, the other filters do not apply (as the specification says).
    if (ids.length > MAX_IDS)
      throw new ValidationError([{ field: 'query.service_request_id', message: `一次最多查询 ${MAX_IDS} 个编号` }]);
    const found = await deps.feedback.getMany(cid, ids);
    return found
      .map((report) => toOpen311Request(report, community))
      .sort((a, b) => b.requested_datetime.localeCompare(a.requested_datetime));
  }
  const { skip, reach } = pageOf(q);
  const range = window(q, deps.now());
  if (!range) return [];
  const statuses = new Set(listParam(q.status) ?? ['open', 'closed']);
  const groups = (['open', 'done'] as const).filter((g) => statuses.has(g === 'open' ? 'open' : 'closed'));
  const codes = listParam(q.service_code);
  const found = await Promise.all(
    groups.map((g) => deps.feedback.listForOpen311(cid, g, { from: range.start, to: `${range.end}~` }, reach, codes)),
  );
  return found
    .flat()
    .sort((a, b) => `${b.createdAt}#${b.reportId}`.localeCompare(`${a.createdAt}#${a.reportId}`))
    .slice(skip, reach)
    .map((report) => toOpen311Request(report, community));
}

/** One service request, as an array of one (the specification's shape). */
export async function getOpen311Request(
  deps: Pick<Open311Deps, 'communities' | 'feedback'>,
  jurisdictionId: string,
  requestId: string,
): Promise<Request[]> {
  const community = await jurisdiction(deps, jurisdictionId);
  const [report] = /^[A-Za-z0-9_-]{1,64}$/.test(requestId)
    ? await deps.feedback.getMany(community.communityId, [requestId])
    : [];
  if (!report) throw new NotFoundError('REQUEST_NOT_FOUND', `找不到编号为 ${requestId} 的服务请求`);
  return [toOpen311Request(report, community)];
}
