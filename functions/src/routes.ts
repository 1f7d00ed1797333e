/**
 * THE route table. The local HTTP server, the CDK stack, the OpenAPI document
 * and the middy stack all read it: a route exists here and nowhere else.
 */
import {
  Community,
  CommunityList,
  CommunityPath,
  CommunitySettings,
  CreateUploadBody,
  DevSignInBody,
  HealthResponse,
  Household,
  HouseholdListQuery,
  HouseholdPage,
  HouseholdPath,
  MeExport,
  MeResponse,
  PersonasResponse,
  RejectHouseholdBody,
  RequestHouseholdBody,
  type Role,
  SessionResponse,
  UpdateSettingsBody,
  UploadTicket,
  WechatSignInBody,
} from '@linli/shared';
import * as z from 'zod';

/** One Lambda per bounded context; each has `handlers/<context>/index.ts`. */
export const CONTEXTS = ['system', 'auth', 'communities'] as const;
export type Context = (typeof CONTEXTS)[number];

export const STAGES = ['local', 'dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Who may call: anyone, any signed-in person, or holders of one of `roles`
 * in the community named by the `{communityId}` path parameter.
 */
export type Access = 'public' | 'user' | { readonly roles: readonly Role[] };

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
}

const ADMIN = { roles: ['admin'] } as const;
const EmptyBody = z.null();
const OpenApiDocument = z.record(z.string(), z.unknown());

export const routes = {
  'GET /v1/health': {
    context: 'system',
    summary: 'Liveness and which database the API talks to',
    access: 'public',
    response: HealthResponse,
  },
  'GET /openapi.json': {
    context: 'system',
    summary: 'The OpenAPI 3.1 document, generated from the zod schemas',
    access: 'public',
    response: OpenApiDocument,
  },
  'POST /v1/auth/wechat': {
    context: 'auth',
    summary: 'Exchange a wx.login code for a session token',
    access: 'public',
    body: WechatSignInBody,
    response: SessionResponse,
  },
  'GET /v1/auth/dev/personas': {
    context: 'auth',
    summary: 'Local stage only: the demo people one can sign in as',
    access: 'public',
    stages: ['local'],
    response: PersonasResponse,
  },
  'POST /v1/auth/dev': {
    context: 'auth',
    summary: 'Local stage only: sign in as a demo person',
    access: 'public',
    stages: ['local'],
    body: DevSignInBody,
    response: SessionResponse,
  },
  'GET /v1/me': {
    context: 'auth',
    summary: 'The caller: profile, memberships with roles, household bindings',
    access: 'user',
    response: MeResponse,
  },
  'GET /v1/me/export': {
    context: 'auth',
    summary: 'PIPL: export everything held about the caller',
    access: 'user',
    response: MeExport,
  },
  'DELETE /v1/me': {
    context: 'auth',
    summary: 'PIPL: delete the caller and their personal data',
    access: 'user',
    status: 204,
    response: EmptyBody,
  },
  'GET /v1/communities': {
    context: 'communities',
    summary: 'Communities of the district, for choosing where one lives',
    access: 'user',
    query: z.object({ cursor: z.string().max(1024).optional() }),
    response: CommunityList,
  },
  'GET /v1/communities/{communityId}': {
    context: 'communities',
    summary: 'A community with estates, grids, buildings, stations and settings',
    access: 'user',
    params: CommunityPath,
    response: Community,
  },
  'PUT /v1/communities/{communityId}/settings': {
    context: 'communities',
    summary: 'Change SLA policy, exchange day or points rules (admins)',
    access: ADMIN,
    params: CommunityPath,
    body: UpdateSettingsBody,
    response: CommunitySettings,
  },
  'POST /v1/communities/{communityId}/households': {
    context: 'communities',
    summary: 'Ask to be bound to a home in the community',
    access: 'user',
    params: CommunityPath,
    body: RequestHouseholdBody,
    response: Household,
    status: 201,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/households': {
    context: 'communities',
    summary: 'Household binding requests by status (admins)',
    access: ADMIN,
    params: CommunityPath,
    query: HouseholdListQuery,
    response: HouseholdPage,
  },
  'POST /v1/communities/{communityId}/households/{householdId}/approve': {
    context: 'communities',
    summary: 'Approve a binding: the applicant becomes a resident (admins)',
    access: ADMIN,
    params: HouseholdPath,
    response: Household,
  },
  'POST /v1/communities/{communityId}/households/{householdId}/reject': {
    context: 'communities',
    summary: 'Reject a binding with a reason (admins)',
    access: ADMIN,
    params: HouseholdPath,
    body: RejectHouseholdBody,
    response: Household,
  },
  'POST /v1/uploads': {
    context: 'communities',
    summary: 'A presigned upload for one photo',
    access: 'user',
    body: CreateUploadBody,
    response: UploadTicket,
    status: 201,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof routes;

export interface RouteEntry {
  readonly key: RouteKey;
  readonly method: string;
  readonly path: string;
  readonly spec: RouteSpec;
}

/** Every route as a list, for servers and the CDK stack; `stage` drops the others. */
export function routeList(stage?: Stage): RouteEntry[] {
  return (Object.entries(routes) as [RouteKey, RouteSpec][])
    .filter(([, spec]) => !stage || !spec.stages || spec.stages.includes(stage))
    .map(([key, spec]) => {
      const [method, path] = key.split(' ') as [string, string];
      return { key, method, path, spec };
    });
}
