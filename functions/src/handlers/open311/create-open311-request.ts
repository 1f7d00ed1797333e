import { createOpen311Request } from '../../domain/open311/create.js';
import { defineRoute, type RouteRequest } from '../../http/route-handler.js';
import type { Routes } from '../../routes.js';
import { deps } from './deps.js';

const create = async ({ query, body }: RouteRequest<Routes['POST /open311/v2/requests.json']>) =>
  createOpen311Request(deps(), query, body);

export default [
  defineRoute('POST /open311/v2/requests.json', create),
  defineRoute('POST /open311/v2/requests.xml', create),
];
