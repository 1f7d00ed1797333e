import { open311Services } from '../../domain/open311/services.js';
import { defineRoute, type RouteRequest } from '../../http/route-handler.js';
import type { Routes } from '../../routes.js';
import { deps } from './deps.js';

const list = async ({ query }: RouteRequest<Routes['GET /open311/v2/services.json']>) =>
  open311Services(deps(), query.jurisdiction_id);

export default [defineRoute('GET /open311/v2/services.json', list), defineRoute('GET /open311/v2/services.xml', list)];
