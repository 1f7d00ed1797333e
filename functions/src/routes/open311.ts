/**
 * The open311 context's routes: its slice of the one route table (`../routes.ts`).
 * GeoReport v2 in both of its formats: each endpoint's `.json` and `.xml`
 * keys are written out literally and share one spec (and one handler); the
 * `xml` element names make a `.xml` path answer in XML, errors included.
 * API Gateway takes a path parameter only as a whole segment, so where the
 * format follows a parameter (`requests/{id}.xml`) one key serves both: the
 * parameter is the file name, `{requestFile}` = `<id>.json` or `<id>.xml`.
 */
import {
  CommunityPath,
  Open311CreateBody,
  Open311Created,
  Open311CreateQuery,
  Open311Discovery,
  Open311Errors,
  Open311Jurisdiction,
  Open311KeyResponse,
  Open311RequestFile,
  Open311Requests,
  Open311RequestsQuery,
  Open311ServiceDefinition,
  Open311ServiceFile,
  Open311Services,
} from '@linli/shared';
import { ADMIN, type RouteSpec } from './spec.js';

const discovery = {
  context: 'open311',
  summary: 'Open311: service discovery (where GeoReport v2 is, its formats, how keys are had)',
  access: 'public',
  response: Open311Discovery,
  errorFormat: 'open311',
  xml: { root: 'discovery' },
} as const satisfies RouteSpec;

const services = {
  context: 'open311',
  summary: 'Open311: the service list (report categories)',
  access: 'public',
  query: Open311Jurisdiction,
  response: Open311Services,
  errorFormat: 'open311',
  xml: { root: 'services', item: 'service' },
} as const satisfies RouteSpec;

const serviceDefinition = {
  context: 'open311',
  summary: 'Open311: a service definition, services/{service_code}.{json|xml} (the attributes a category asks for)',
  access: 'public',
  params: Open311ServiceFile,
  query: Open311Jurisdiction,
  response: Open311ServiceDefinition,
  errorFormat: 'open311',
  xml: { root: 'service_definition' },
} as const satisfies RouteSpec;

const listRequests = {
  context: 'open311',
  summary: 'Open311: service requests with the specification’s filters, a page at a time',
  access: 'public',
  query: Open311RequestsQuery,
  response: Open311Requests,
  errorFormat: 'open311',
  xml: { root: 'service_requests', item: 'request' },
} as const satisfies RouteSpec;

const createRequest = {
  context: 'open311',
  summary: 'Open311: file a service request (API key per community; answers the id, never a token)',
  access: 'public',
  query: Open311CreateQuery,
  body: Open311CreateBody,
  bodyFormat: 'form',
  response: Open311Created,
  status: 201,
  errorFormat: 'open311',
  metric: 'ReportsFiled',
  xml: { root: 'service_requests', item: 'request' },
} as const satisfies RouteSpec;

const oneRequest = {
  context: 'open311',
  summary: 'Open311: one service request, requests/{service_request_id}.{json|xml}',
  access: 'public',
  params: Open311RequestFile,
  query: Open311Jurisdiction,
  response: Open311Requests,
  errorFormat: 'open311',
  xml: { root: 'service_requests', item: 'request' },
} as const satisfies RouteSpec;

/** Whatever else is asked under /open311/v2: the specification's 404, in the format its extension asks. */
const unknownPath = {
  context: 'open311',
  summary: 'Open311: any other path, answered 404 in Open311’s error shape (XML for a .xml path)',
  access: 'public',
  response: Open311Errors,
  errorFormat: 'open311',
  xml: { root: 'errors', item: 'error' },
} as const satisfies RouteSpec;

export const open311Routes = {
  'POST /v1/communities/{communityId}/open311/keys': {
    context: 'open311',
    summary: 'Issue an Open311 API key for the community (admins; shown once)',
    access: ADMIN,
    params: CommunityPath,
    response: Open311KeyResponse,
    status: 201,
  },
  'GET /open311/v2/discovery.json': discovery,
  'GET /open311/v2/discovery.xml': discovery,
  'GET /open311/v2/services.json': services,
  'GET /open311/v2/services.xml': services,
  'GET /open311/v2/services/{serviceFile}': serviceDefinition,
  'GET /open311/v2/requests.json': listRequests,
  'GET /open311/v2/requests.xml': listRequests,
  'POST /open311/v2/requests.json': createRequest,
  'POST /open311/v2/requests.xml': createRequest,
  'GET /open311/v2/requests/{requestFile}': oneRequest,
  'GET /open311/v2/{path+}': unknownPath,
  'POST /open311/v2/{path+}': unknownPath,
} as const satisfies Record<string, RouteSpec>;
