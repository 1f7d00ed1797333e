import {
  acceptDeadline,
  FEEDBACK_CHANNEL_LABELS,
  type FeedbackReport,
  type GeoPoint,
  hasPlace,
  LOCATION_REQUIRED_MESSAGE,
  NotFoundError,
  type OfflineFeedbackBody,
  type SubmitFeedbackBody,
  ValidationError,
} from '@linli/shared';
import type { CommunityRecord } from '../../data/communities.js';
import type { EventRecord, ReportRecord } from '../../data/feedback.js';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import { checkPhotos, checkText } from './checks.js';
import type { Actor, FeedbackDeps } from './deps.js';
import { feedbackMessages } from './messages.js';
import { reportPhotoChecks } from './photos.js';
import { reportView } from './view.js';

/** What any channel files: the resident's body, a staff entry or an Open311 request, in our own terms. */
export interface Filing {
  category: string;
  description: string;
  photos: string[];
  location: {
    /** Null only from Open311: a place outside every estate. */
    estateId: string | null;
    buildingId: string | null;
    unit: number | null;
    detail: string;
    point: GeoPoint | null;
  };
}

/**
 * Where in the community: the estate, and the building and unit when given.
 * A report needs a building, a point or a place description. One outside
 * every estate (an Open311 point on the road between two) has no grid: it
 * waits in the community's own queue for an admin to dispatch (社区派单).
 */
function place(community: CommunityRecord, location: Filing['location']) {
  if (!hasPlace(location))
    throw new ValidationError([{ field: 'body.location.detail', message: LOCATION_REQUIRED_MESSAGE }]);
  const estate = location.estateId ? community.estates.find((e) => e.estateId === location.estateId) : undefined;
  if (location.estateId && !estate)
    throw new ValidationError([{ field: 'body.location.estateId', message: '该社区没有这个小区' }]);
  const building = location.buildingId
    ? community.buildings.find((b) => b.buildingId === location.buildingId && b.estateId === estate?.estateId)
    : undefined;
  if (location.buildingId && !building)
    throw new ValidationError([{ field: 'body.location.buildingId', message: '该小区没有这个楼栋' }]);
  if (location.unit !== null && (!building || location.unit > building.units))
    throw new ValidationError([
      {
        field: 'body.location.unit',
        message: building ? `${building.name}只有 ${building.units} 个单元` : '请先选择楼栋',
      },
    ]);
  const address = [estate?.name, building?.name, location.unit ? `${location.unit}单元` : '', location.detail]
    .filter(Boolean)
    .join(' ');
  return {
    location: { ...location, address },
    // A report without a building belongs to the estate's first grid: someone must own it.
    gridId:
      building?.gridId ?? (estate ? community.grids.find((g) => g.estateId === estate.estateId)?.gridId : null) ?? null,
  };
}

function category(community: CommunityRecord, key: string) {
  const found = community.settings.feedback.categories.find((c) => c.category === key && c.enabled);
  if (!found) throw new ValidationError([{ field: 'body.category', message: '该社区没有这个问题类别' }]);
  return found;
}

/** Files a report from any channel: the one path every submission takes (the app, staff entry, Open311). */
export async function file(
  deps: FeedbackDeps,
  actor: Actor,
  communityId: string,
  body: Filing,
  reporter: Pick<ReportRecord, 'reporterId' | 'reporterName' | 'reporterPhone' | 'anonymous' | 'channel'> &
    Partial<Pick<ReportRecord, 'reporterEmail' | 'mediaUrl' | 'details'>>,
  idempotency: Idempotency,
): Promise<{ report: ReportRecord; replayed: boolean }> {
  // The grids' workers come with the community (one query): whoever works the report's grid hears of it.
  const read = await deps.communities.getWithGridWorkers(communityId);
  if (!read) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const { community, workers } = read;
  const kind = category(community, body.category);
  const where = place(community, body.location);
  await checkPhotos(deps, communityId, body.photos, ['feedback'], 'body.photos');
  await checkText(deps, actor.openid, { field: 'body.description', value: body.description });

  const now = deps.now();
  const at = now.toISOString();
  // The clock starts on arrival: the sweep watches acceptance from here (nextCheckAt puts it on the due index).
  const acceptBy = acceptDeadline(now, kind.urgency, community.settings.sla);
  const report: ReportRecord = {
    reportId: newId(now),
    communityId,
    category: kind.category,
    categoryLabel: kind.label,
    description: body.description,
    photos: body.photos,
    ...where,
    ...reporter,
    status: 'submitted',
    urgency: kind.urgency,
    repair: kind.repair,
    acceptBy,
    respondBy: null,
    respondKind: null,
    resolveBy: null,
    overdue: false,
    breaches: 0,
    nextCheckAt: acceptBy,
    escalated: false,
    assignee: null,
    supporterIds: [],
    rating: null,
    resolution: null,
    createdAt: at,
    acceptedAt: null,
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    version: 1,
  };
  const event: EventRecord = {
    eventId: newId(now),
    at,
    kind: 'submitted',
    actorId: actor.userId,
    actorName: actor.name,
    actorRole: reporter.reporterId ? 'resident' : (actor.roles.find((r) => r !== 'resident') ?? null),
    visibility: 'public',
    text: reporter.reporterId ? null : `代${reporter.reporterName}登记（${FEEDBACK_CHANNEL_LABELS[reporter.channel]}）`,
    photos: [],
    statusAfter: 'submitted',
  };
  // The grid hears of new work, and WeChat checks the photos, only if the report is written.
  const drafts = await feedbackMessages(deps, report, 'submitted', at, null, actor.userId, {
    gridWorkers: report.gridId ? (workers.get(report.gridId) ?? []) : [],
  });
  const checks = reportPhotoChecks(report, report.photos, actor, 'feedback');
  const written = await deps.feedback.create(report, event, idempotency, now, [
    ...deps.messages.messageItems(drafts, now),
    ...deps.photoChecks.checkItems(checks, now),
  ]);
  if (!written.replayed) return { report, replayed: false };
  const stored = await deps.feedback.get(communityId, written.reportId);
  if (!stored) throw new NotFoundError('FEEDBACK_NOT_FOUND', '找不到该反映');
  return { report: stored.report, replayed: true };
}

/** A resident reports a problem; a double tap or a retry with the same key is one report. */
export async function submitFeedback(
  deps: FeedbackDeps,
  actor: Actor,
  communityId: string,
  body: SubmitFeedbackBody,
  idempotency: Idempotency,
): Promise<FeedbackReport> {
  const { report } = await file(
    deps,
    actor,
    communityId,
    body,
    {
      reporterId: actor.userId,
      reporterName: actor.name,
      reporterPhone: null,
      anonymous: body.anonymous,
      channel: body.channel,
    },
    idempotency,
  );
  return reportView(report, actor, deps.photos, deps.now());
}

/** Staff enter a paper, hotline or visit report on a resident's behalf, recording the channel. */
export async function enterOfflineFeedback(
  deps: FeedbackDeps,
  actor: Actor,
  communityId: string,
  body: OfflineFeedbackBody,
  idempotency: Idempotency,
): Promise<FeedbackReport> {
  const { report } = await file(
    deps,
    actor,
    communityId,
    body,
    {
      reporterId: null,
      reporterName: body.reporterName,
      reporterPhone: body.reporterPhone,
      anonymous: true,
      channel: body.channel,
    },
    idempotency,
  );
  return reportView(report, actor, deps.photos, deps.now());
}
