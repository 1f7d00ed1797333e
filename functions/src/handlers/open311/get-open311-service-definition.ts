import { NotFoundError, open311File } from '@linli/shared';
import { open311ServiceDefinition } from '../../domain/open311/services.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

/** `services/leak.json` or `services/leak.xml` (the stack writes the format the extension asks). */
export default defineRoute('GET /open311/v2/services/{serviceFile}', async ({ params, query }) => {
  const file = open311File(params.serviceFile);
  if (!file) throw new NotFoundError('OPEN311_PATH_NOT_FOUND', '服务定义的路径须以 .json 或 .xml 结尾');
  return open311ServiceDefinition(deps(), query.jurisdiction_id, file.name);
});
