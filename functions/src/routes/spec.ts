/**
 * What a route table entry says, and the access groups the slices share.
 * The table itself is `../routes.ts`, merged from one slice per context.
 */
import type { Role, StreetRole, UnitRole } from '@linli/shared';
import * as z from 'zod';
import type { BusinessMetric } from '../metrics.js';

/** One Lambda per bounded context; each has `handlers/<context>/index.ts`. */
export const CONTEXTS = [
  'system',
  'auth',
  'messages',
  'communities',
  'feedback',
  'open311',
  'points',
  'bulletins',
] as const;
export type Context = (typeof CONTEXTS)[number];

export const STAGES = ['local', 'dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Who may call: anyone, any signed-in person, holders of one of `roles` in
 * the community named by the `{communityId}` path parameter, or of one of
 * `streetRoles` over the street named by `{streetId}`, or of one of
 * `unitRoles` in the unit named by `{unitId}`.
 */
export type Access =
  | 'public'
  | 'user'
  | { readonly roles: readonly Role[] }
  | { readonly streetRoles: readonly StreetRole[] }
  | { readonly unitRoles: readonly UnitRole[] };

export interface RouteSpec {
  readonly context: Context;
  readonly summary: string;
  readonly access: Access;
  /** Stages the route exists in; absent means every stage. */
  readonly stages?: readonly Stage[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  /** Success status: 200 unless said. */
  readonly status?: 200 | 201 | 204;
  /** The request must carry an `Idempotency-Key` header. */
  readonly idempotent?: boolean;
  /** Body encoding: JSON unless said (Open311 posts forms; WeChat's pushes are read raw, to check their signature). */
  readonly bodyFormat?: 'json' | 'form' | 'text';
  /** `text/csv`: the handler returns a `CsvFile` and the stack sends it as a download; `text/plain`: a string. */
  readonly produces?: 'text/csv' | 'text/plain';
  /** Open311 clients expect `[{ code, description }]` errors (`<errors><error>` in XML). */
  readonly errorFormat?: 'open311';
  /**
   * Open311's two formats: a path ending in `.xml` is answered (errors too) in
   * XML with these element names, any other in JSON. The table declares each
   * format's key literally (`… services.json`, `… services.xml`), sharing one spec.
   */
  readonly xml?: { readonly root: string; readonly item?: string };
  /** The business metric a success of this route counts (`metrics.ts`). */
  readonly metric?: BusinessMetric;
}

export const ADMIN = { roles: ['admin'] } as const;
export const RESIDENT = { roles: ['resident'] } as const;
export const DISPATCHERS = { roles: ['grid_worker', 'admin'] } as const;
export const FEEDBACK_STAFF = { roles: ['grid_worker', 'property_staff', 'admin'] } as const;
export const OPERATOR = { roles: ['station_operator'] } as const;
export const ANY_MEMBER = {
  roles: ['resident', 'grid_worker', 'property_staff', 'station_operator', 'admin'],
} as const;
/** Who may run a volunteer activity (the use case checks it is theirs, or that they are an admin). */
export const ACTIVITY_STAFF = { roles: ['grid_worker', 'property_staff', 'station_operator', 'admin'] } as const;
export const STREET_ADMIN = { streetRoles: ['street_admin'] } as const;
export const UNIT_STAFF = { unitRoles: ['unit_staff'] } as const;
export const EmptyBody = z.null();

export interface RouteEntry<K extends string = string> {
  readonly key: K;
  readonly method: string;
  readonly path: string;
  readonly spec: RouteSpec;
}

/** A table's routes as a list; `stage` drops the routes that do not exist there. */
export function routeEntries<K extends string>(table: Readonly<Record<K, RouteSpec>>, stage?: Stage): RouteEntry<K>[] {
  return (Object.entries(table) as [K, RouteSpec][])
    .filter(([, spec]) => !stage || !spec.stages || spec.stages.includes(stage))
    .map(([key, spec]) => {
      const [method, path] = key.split(' ') as [string, string];
      return { key, method, path, spec };
    });
}
