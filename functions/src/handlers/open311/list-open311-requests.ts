import { listOpen311Requests } from '../../domain/open311/requests.js';
import { defineRoute, type RouteRequest } from '../../http/route-handler.js';
import type { Routes } from '../../routes.js';
import { deps } from './deps.js';

const list = async ({ query }: RouteRequest<Routes['GET /open311/v2/requests.json']>) =>
  listOpen311Requests(deps(), query);

export default [defineRoute('GET /open311/v2/requests.json', list), defineRoute('GET /open311/v2/requests.xml', list)];
