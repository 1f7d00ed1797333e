import { open311ServiceDefinition } from '../../domain/open311/services.js';
import { defineRoute, type RouteRequest } from '../../http/route-handler.js';
import type { Routes } from '../../routes.js';
import { deps } from './deps.js';

const definition = async ({ params, query }: RouteRequest<Routes['GET /open311/v2/services/{serviceCode}.json']>) =>
  open311ServiceDefinition(deps(), query.jurisdiction_id, params.serviceCode);

export default [
  defineRoute('GET /open311/v2/services/{serviceCode}.json', definition),
  defineRoute('GET /open311/v2/services/{serviceCode}.xml', definition),
];
