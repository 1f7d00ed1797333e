import { defineRoute } from '../../http/route-handler.js';
import { openApiDocument } from '../../openapi.js';
import { deps } from './deps.js';

let document: ReturnType<typeof openApiDocument> | undefined;

export default defineRoute('GET /openapi.json', async () => {
  document ??= openApiDocument(deps().config.stage);
  return document;
});
