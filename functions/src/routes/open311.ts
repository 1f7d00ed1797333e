/** The open311 context's routes: its slice of the one route table (`../routes.ts`). */
import {
  CommunityPath,
  Open311CreateBody,
  Open311Created,
  Open311Jurisdiction,
  Open311KeyResponse,
  Open311RequestPath,
  Open311Requests,
  Open311RequestsQuery,
  Open311Services,
} from '@linli/shared';
import { ADMIN, type RouteSpec } from './spec.js';

export const open311Routes = {
  'POST /v1/communities/{communityId}/open311/keys': {
    context: 'open311',
    summary: 'Issue an Open311 API key for the community (admins; shown once)',
    access: ADMIN,
    params: CommunityPath,
    response: Open311KeyResponse,
    status: 201,
  },
  'GET /open311/v2/services.json': {
    context: 'open311',
    summary: 'Open311: the service list (report categories)',
    access: 'public',
    query: Open311Jurisdiction,
    response: Open311Services,
    errorFormat: 'open311',
  },
  'GET /open311/v2/requests.json': {
    context: 'open311',
    summary: 'Open311: service requests with the specification’s filters',
    access: 'public',
    query: Open311RequestsQuery,
    response: Open311Requests,
    errorFormat: 'open311',
  },
  'POST /open311/v2/requests.json': {
    context: 'open311',
    summary: 'Open311: file a service request (API key per community)',
    access: 'public',
    body: Open311CreateBody,
    bodyFormat: 'form',
    response: Open311Created,
    status: 201,
    errorFormat: 'open311',
    metric: 'ReportsFiled',
  },
  'GET /open311/v2/requests/{requestId}.json': {
    context: 'open311',
    summary: 'Open311: one service request',
    access: 'public',
    params: Open311RequestPath,
    query: Open311Jurisdiction,
    response: Open311Requests,
    errorFormat: 'open311',
  },
} as const satisfies Record<string, RouteSpec>;
