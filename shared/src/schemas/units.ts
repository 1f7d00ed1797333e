/**
 * Departments and co-building units (部门报到): accounts of their own with a
 * service area, a queue of what was dispatched to them, and the street
 * office's desk of escalated cases ("吹哨").
 */
import * as z from 'zod';
import { UNIT_KINDS, UNIT_ROLES } from '../roles.js';
import { Cursor, Id, Limit } from './common.js';

export const UnitPath = z.object({ unitId: Id });

export const Unit = z.object({
  unitId: Id,
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  kindLabel: z.string(),
  streetId: Id,
  /** Its service area: the communities that may dispatch to it. */
  communities: z.array(z.object({ communityId: Id, name: z.string() })),
});
export type Unit = z.infer<typeof Unit>;
export const UnitList = z.object({ items: z.array(Unit) });

/** A role in a unit, as /v1/me lists it (the unit's queue). */
export const UnitMembership = z.object({
  unitId: Id,
  unitName: z.string(),
  roles: z.array(z.enum(UNIT_ROLES)),
});
export type UnitMembership = z.infer<typeof UnitMembership>;

/** A unit's queue: what is still to do (open), or what it finished (done). */
export const UnitQueueQuery = z.object({
  status: z.enum(['open', 'done'], { error: '状态须为 open 或 done' }).default('open'),
  cursor: Cursor,
  limit: Limit,
});

export const UnitFeedbackPath = z.object({ unitId: Id, communityId: Id, reportId: Id });
export const StreetFeedbackPath = z.object({ streetId: Id, communityId: Id, reportId: Id });

/** The street's desk: escalated cases waiting for it to dispatch them, oldest first. */
export const StreetEscalationsQuery = z.object({ cursor: Cursor, limit: Limit });
