import * as z from 'zod';
import { STREET_ROLES } from '../roles.js';
import { UserProfile } from './auth.js';
import { Id, IsoTime, RoleSchema } from './common.js';
import { Household } from './household.js';
import { UnitMembership } from './units.js';

export const Membership = z.object({
  communityId: Id,
  communityName: z.string(),
  roles: z.array(RoleSchema),
  /** Grids a grid worker answers for. */
  gridIds: z.array(Id),
  /** Stations a station operator works at. */
  stationIds: z.array(Id),
  /** The approved home that makes the caller a resident here. */
  household: Household.nullable(),
});
export type Membership = z.infer<typeof Membership>;

/** A role over a street: the 街道工作台 and its communities' figures. */
export const StreetMembership = z.object({
  streetId: Id,
  streetName: z.string(),
  roles: z.array(z.enum(STREET_ROLES)),
});
export type StreetMembership = z.infer<typeof StreetMembership>;

export const MeResponse = z.object({
  user: UserProfile,
  memberships: z.array(Membership),
  streets: z.array(StreetMembership),
  /** Units the caller works for (their queue of dispatched reports). */
  units: z.array(UnitMembership),
  /** Every binding request of the caller, newest first. */
  households: z.array(Household),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** PIPL: everything we hold about the caller, in one document. */
export const MeExport = MeResponse.extend({
  points: z.array(
    z.object({
      communityId: Id,
      balance: z.number().int(),
      ledger: z.array(z.object({ type: z.string(), points: z.number().int(), at: IsoTime, note: z.string() })),
    }),
  ),
  exportedAt: IsoTime,
  notice: z.string(),
});
