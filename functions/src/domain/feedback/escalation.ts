/**
 * Going up to the community's party committee (上报社区), whether the SLA
 * sweep sends a report up on its second breach or a staff member does: the
 * committee gets a deadline of its own (`committeeBy`), and where a street
 * office is above the community the sweep watches it, so the committee
 * missing it blows the whistle (吹哨) to the street.
 */
import { deadlinesFor, type SlaPolicy } from '@linli/shared';
import type { ReportRecord } from '../../data/feedback.js';

const MIN_GRACE_MS = 10 * 60_000;

/**
 * The earliest deadline still to watch: acceptance until someone accepts,
 * then on-site/plan, then the fix; none once the committee has it.
 */
export function nextCheck(
  r: Pick<ReportRecord, 'acceptBy' | 'acceptedAt' | 'respondBy' | 'resolveBy' | 'respondedAt' | 'escalated'>,
): string | null {
  if (r.escalated) return null;
  if (!r.acceptedAt) return r.acceptBy ?? null;
  const respond = r.respondBy && !r.respondedAt ? r.respondBy : null;
  return [respond, r.resolveBy].filter((d): d is string => d !== null).sort()[0] ?? null;
}

/**
 * The second deadline after a first breach. Rule: as long again as the window
 * that was missed (deadline − acceptance, or − arrival while nobody accepted),
 * counted from the sweep, and never less than 10 minutes — a 10-minute on-site
 * promise gets 10 more minutes, a 2-hour acceptance two more hours.
 */
export function secondDeadline(r: Pick<ReportRecord, 'acceptedAt' | 'createdAt'>, deadline: string, now: Date): string {
  const window = Date.parse(deadline) - Date.parse(r.acceptedAt ?? r.createdAt);
  return new Date(now.getTime() + Math.max(Number.isNaN(window) ? 0 : window, MIN_GRACE_MS)).toISOString();
}

/** The street office above a community, when it has one. */
export interface StreetOf {
  streetId: string;
  name: string;
}

/** The committee a report goes up to: its community's name, and (for a report with no deadline left) its SLA. */
export interface CommitteeOf {
  name: string;
  sla?: SlaPolicy;
}

/**
 * The committee's deadline. Rule: as long again as the report's current
 * deadline window (the one the sweep just found missed, the second deadline
 * once it was reminded; or, sent up by hand, the one still pending), counted
 * from now, never less than 10 minutes (`secondDeadline`). A report with no
 * deadline pending (one filed before acceptance deadlines existed) gets what
 * the community gives to fix a report of its urgency, from now.
 */
export function committeeDeadline(r: ReportRecord, now: Date, sla?: SlaPolicy): string {
  // Once the sweep found a breach it owns the next check; before that, the report's own deadlines do.
  const current = r.breaches > 0 ? r.nextCheckAt : nextCheck(r);
  if (current) return secondDeadline(r, current, now);
  const fix = sla ? Date.parse(deadlinesFor(now, r.urgency, r.repair, sla).resolveBy) : Number.NaN;
  const floor = now.getTime() + MIN_GRACE_MS;
  return new Date(Number.isNaN(fix) ? floor : Math.max(fix, floor)).toISOString();
}

/** A report the committee has, with the deadline it must meet. */
export type WithCommittee = ReportRecord & { committeeBy: string };

/**
 * The report once it went up to the committee at `now`: the committee's own
 * case (assignee, escalated, the sweep's step 2) with `committeeBy`; where a
 * street is above, the sweep checks it then (`nextCheckAt`), else nothing is
 * left to watch.
 */
export function toCommittee(r: ReportRecord, community: CommitteeOf, now: Date, street?: StreetOf): WithCommittee {
  const committeeBy = committeeDeadline(r, now, community.sla);
  return {
    ...r,
    escalated: true,
    assignee: { kind: 'committee', name: `${community.name}党委` },
    breaches: 2,
    committeeBy,
    nextCheckAt: street ? committeeBy : null,
  };
}
