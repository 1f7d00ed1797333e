import * as z from 'zod';
import { CREDIT_REQUEST_STATUSES } from '../points/credit-requests.js';
import { Cursor, Id, IsoTime, Limit, page } from './common.js';
import { CreditBody, CreditResult } from './points.js';

/**
 * The resident found by building and room (no code could be read): the
 * operator asks, the resident confirms on their own phone, then it is credited.
 */
export const CreditRequestBody = z
  .object({ householdId: Id, stationId: Id, lines: CreditBody.shape.lines, sortFlag: CreditBody.shape.sortFlag })
  .strict();
export type CreditRequestBody = z.infer<typeof CreditRequestBody>;

export const CreditRequest = z.object({
  requestId: Id,
  communityId: Id,
  status: z.enum(CREDIT_REQUEST_STATUSES),
  statusLabel: z.string(),
  stationId: Id,
  stationName: z.string(),
  /** Who asks, as the resident knows them at the station: 刘芳. */
  operatorName: z.string(),
  /** The home asked for, and its resident masked (王*英). */
  resident: z.object({ maskedName: z.string(), address: z.string() }),
  lines: z.array(z.object({ material: z.string(), label: z.string(), grams: z.number().int() })),
  /** The points the community's rules give for it now (the cap may leave fewer). */
  points: z.number().int(),
  createdAt: IsoTime,
  /** Unconfirmed by then, it lapses and nothing is credited. */
  expiresAt: IsoTime,
  /** The credit, once confirmed. */
  result: CreditResult.nullable(),
});
export type CreditRequest = z.infer<typeof CreditRequest>;
export const CreditRequestList = z.object({ items: z.array(CreditRequest) });
export const CreditRequestPath = z.object({ communityId: Id, requestId: Id });

/** Approved homes of one building, by unit and room, for an operator: names masked. */
export const StationHomesQuery = z.object({
  buildingId: Id,
  cursor: Cursor,
  limit: Limit,
});
export const StationHome = z.object({
  householdId: Id,
  buildingId: Id,
  unit: z.number().int(),
  room: z.string(),
  address: z.string(),
  maskedName: z.string(),
});
export type StationHome = z.infer<typeof StationHome>;
export const StationHomePage = page(StationHome);
