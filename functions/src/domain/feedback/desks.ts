/**
 * The desks above a community ("社区吹哨、部门报到"): a unit's queue of the
 * reports given to it across its service area, and the street office's desk
 * of cases escalated to it, the longest waiting first. Each is one key query.
 */
import { NotFoundError, UNIT_KIND_LABELS, type Unit } from '@linli/shared';
import type { UnitRecord } from '../../data/units.js';
import type { Actor, FeedbackDeps } from './deps.js';
import { views } from './queries.js';

export function unitView(u: UnitRecord): Unit {
  return {
    unitId: u.unitId,
    name: u.name,
    kind: u.unitKind,
    kindLabel: UNIT_KIND_LABELS[u.unitKind],
    streetId: u.streetId,
    communities: u.communities,
  };
}

export async function getUnit(deps: Pick<FeedbackDeps, 'units'>, unitId: string): Promise<Unit> {
  const unit = await deps.units.get(unitId);
  if (!unit) throw new NotFoundError('UNIT_NOT_FOUND', '找不到该单位');
  return unitView(unit);
}

/** What a unit was given: open (still to do) or done, newest first. */
export async function listUnitQueue(
  deps: FeedbackDeps,
  actor: Actor,
  unitId: string,
  q: { status: 'open' | 'done'; cursor?: string | undefined; limit: number },
) {
  const found = await deps.feedback.listOfUnit(unitId, q.status === 'done', q.cursor, q.limit);
  return { items: await views(deps, actor, found.items), cursor: found.cursor };
}

/** The street's desk: cases escalated to it (吹哨) that wait for it to dispatch a unit, the longest waiting first. */
export async function listStreetDesk(
  deps: FeedbackDeps,
  actor: Actor,
  streetId: string,
  q: { cursor?: string | undefined; limit: number },
) {
  const found = await deps.feedback.listStreetDesk(streetId, q.cursor, q.limit);
  return { items: await views(deps, actor, found.items), cursor: found.cursor };
}

/** A street's units, for the street's dispatch picker. */
export async function streetUnits(deps: Pick<FeedbackDeps, 'units'>, streetId: string) {
  return { items: (await deps.units.ofStreet(streetId)).map(unitView) };
}

/** The units that serve a community (its street's units whose service area holds it): the dispatch picker. */
export async function unitsServing(deps: Pick<FeedbackDeps, 'units' | 'communities'>, communityId: string) {
  const community = await deps.communities.get(communityId);
  if (!community?.streetId) return { items: [] };
  const all = await deps.units.ofStreet(community.streetId);
  return { items: all.filter((u) => u.communities.some((c) => c.communityId === communityId)).map(unitView) };
}
