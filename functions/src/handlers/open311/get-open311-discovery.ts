import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { config } from '../../config.js';
import { open311Discovery } from '../../domain/open311/discovery.js';
import { defineRoute } from '../../http/route-handler.js';

/** The address the client reached us at (a custom domain, the execute-api host, or the local server). */
function baseUrl(event: APIGatewayProxyEventV2): string {
  const headers = event.headers ?? {};
  const host = headers.host ?? event.requestContext?.domainName ?? 'localhost';
  const proto = headers['x-forwarded-proto'] ?? (config.stage === 'local' ? 'http' : 'https');
  return `${proto}://${host}`;
}

const discovery = async ({ event }: { event: APIGatewayProxyEventV2 }) =>
  open311Discovery(baseUrl(event), config.stage);

export default [
  defineRoute('GET /open311/v2/discovery.json', discovery),
  defineRoute('GET /open311/v2/discovery.xml', discovery),
];
