import { getOpen311Request } from '../../domain/open311/requests.js';
import { defineRoute, type RouteRequest } from '../../http/route-handler.js';
import type { Routes } from '../../routes.js';
import { deps } from './deps.js';

const one = async ({ params, query }: RouteRequest<Routes['GET /open311/v2/requests/{requestId}.json']>) =>
  getOpen311Request(deps(), query.jurisdiction_id, params.requestId);

export default [
  defineRoute('GET /open311/v2/requests/{requestId}.json', one),
  defineRoute('GET /open311/v2/requests/{requestId}.xml', one),
];
