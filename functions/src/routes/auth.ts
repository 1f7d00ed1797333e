/** The auth context's routes: its slice of the one route table (`../routes.ts`). */
import {
  DevSignInBody,
  MeExport,
  MeResponse,
  PersonasResponse,
  SessionResponse,
  WechatSignInBody,
} from '@linli/shared';
import { EmptyBody, type RouteSpec } from './spec.js';

export const authRoutes = {
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
} as const satisfies Record<string, RouteSpec>;
