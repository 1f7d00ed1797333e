/**
 * THE route table, merged from one slice per context (`routes/<context>.ts`).
 * The local HTTP server, the CDK stack, the OpenAPI document and the typed
 * client read this merged table; a context's Lambda reads only its own slice,
 * so its bundle carries only its own routes and schemas.
 */
import { authRoutes } from './routes/auth.js';
import { bulletinsRoutes } from './routes/bulletins.js';
import { communitiesRoutes } from './routes/communities.js';
import { feedbackRoutes } from './routes/feedback.js';
import { messagesRoutes } from './routes/messages.js';
import { open311Routes } from './routes/open311.js';
import { pointsRoutes } from './routes/points.js';
import { type Context, type RouteSpec, routeEntries, type RouteEntry as SpecEntry, type Stage } from './routes/spec.js';
import { systemRoutes } from './routes/system.js';

export { type Access, CONTEXTS, type Context, type RouteSpec, STAGES, type Stage } from './routes/spec.js';

/** Each context's slice, by context. */
export const slices = {
  system: systemRoutes,
  auth: authRoutes,
  messages: messagesRoutes,
  communities: communitiesRoutes,
  feedback: feedbackRoutes,
  open311: open311Routes,
  points: pointsRoutes,
  bulletins: bulletinsRoutes,
} as const satisfies Record<Context, Record<string, RouteSpec>>;

export const routes = {
  ...systemRoutes,
  ...authRoutes,
  ...messagesRoutes,
  ...communitiesRoutes,
  ...feedbackRoutes,
  ...open311Routes,
  ...pointsRoutes,
  ...bulletinsRoutes,
} as const;

export type Routes = typeof routes;
export type RouteKey = keyof Routes;

export type RouteEntry = SpecEntry<RouteKey>;

/** Every route as a list, for servers and the CDK stack; `stage` drops the others. */
export function routeList(stage?: Stage): RouteEntry[] {
  return routeEntries(routes, stage);
}
