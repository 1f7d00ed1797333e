/**
 * Reports as Open311 service requests. Photos stay private (no media_url),
 * and no field names the resident who reported.
 */

import type { Open311Request, Open311RequestsQuery } from '@linli/shared';
import { isOpen, NotFoundError, ValidationError } from '@linli/shared';
import type * as z from 'zod';
import type { CommunityRecord } from '../../data/communities.js';
import type { ReportRecord } from '../../data/feedback.js';
import type { Open311Deps } from './deps.js';
import { jurisdiction } from './jurisdiction.js';

type Request = z.output<typeof Open311Request>;
type RequestsQuery = z.output<typeof Open311RequestsQuery>;

const DAY_MS = 86_400_000;
/** The specification's defaults: a window of at most 90 days, at most 1000 requests. */
const MAX_SPAN_MS = 90 * DAY_MS;
const MAX_RESULTS = 1000;
const MAX_IDS = 100;
/** A report as a service request, from the report item alone (it carries its latest public note). */
export function toOpen311Request(r: ReportRecord, community: CommunityRecord): Request {
  const grid = community.grids.find((g) => g.gridId === r.gridId);
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
    // Public data: the estate and building, never the unit or the resident's own words about where.
    address: r.location.address.split(' ').slice(0, 2).join(' '),
    address_id: r.location.buildingId,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

/** `[start, end]` from the query: the last 90 days unless said, and never wider than 90 days. */
export function window(q: Pick<RequestsQuery, 'start_date' | 'end_date'>, now: Date): { start: Date; end: Date } {
  const start = q.start_date ? new Date(q.start_date) : undefined;
  const end = q.end_date ? new Date(q.end_date) : undefined;
  const range = {
    start: start ?? new Date((end ?? now).getTime() - MAX_SPAN_MS),
    end: end ?? (start ? new Date(start.getTime() + MAX_SPAN_MS) : now),
  };
  if (range.start > range.end)
    throw new ValidationError([{ field: 'query.start_date', message: 'start_date 不能晚于 end_date' }]);
  if (range.end.getTime() - range.start.getTime() > MAX_SPAN_MS)
    throw new ValidationError([{ field: 'query.end_date', message: '查询时段不能超过 90 天' }]);
  return range;
}

/** Service requests of a jurisdiction, newest first, with the specification's filters. */
export async function listOpen311Requests(
  deps: Pick<Open311Deps, 'communities' | 'feedback' | 'now'>,
  q: RequestsQuery,
): Promise<Request[]> {
  const community = await jurisdiction(deps, q.jurisdiction_id);
  const cid = community.communityId;
  let reports: ReportRecord[];
  if (q.service_request_id) {
    // Asked by id, the other filters do not apply (as the specification says).
    const ids = [...new Set(q.service_request_id.split(','))];
    if (ids.length > MAX_IDS)
      throw new ValidationError([{ field: 'query.service_request_id', message: `一次最多查询 ${MAX_IDS} 个编号` }]);
    reports = await deps.feedback.getMany(cid, ids);
  } else {
    const { start, end } = window(q, deps.now());
    const statuses = q.status ? new Set(q.status.split(',')) : undefined;
    const received = await deps.feedback.listReceived(cid, start.toISOString(), `${end.toISOString()}~`);
    reports = received
      .filter((r) => !q.service_code || r.category === q.service_code)
      .filter((r) => !statuses || statuses.has(isOpen(r.status) ? 'open' : 'closed'))
      .reverse()
      .slice(0, MAX_RESULTS);
  }
  // One key query (or one batch read) in all: every field comes from the report items.
  return reports
    .map((report) => toOpen311Request(report, community))
    .sort((a, b) => b.requested_datetime.localeCompare(a.requested_datetime));
}

/** One service request, as an array of one (the specification's shape). */
export async function getOpen311Request(
  deps: Pick<Open311Deps, 'communities' | 'feedback'>,
  jurisdictionId: string,
  requestId: string,
): Promise<Request[]> {
  const community = await jurisdiction(deps, jurisdictionId);
  const [report] = await deps.feedback.getMany(community.communityId, [requestId]);
  if (!report) throw new NotFoundError('REQUEST_NOT_FOUND', `找不到编号为 ${requestId} 的服务请求`);
  return [toOpen311Request(report, community)];
}
