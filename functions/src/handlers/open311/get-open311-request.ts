import { NotFoundError, open311File } from '@linli/shared';
import { getOpen311Request } from '../../domain/open311/requests.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

/** `requests/<id>.json` or `requests/<id>.xml` (the stack writes the format the extension asks). */
export default defineRoute('GET /open311/v2/requests/{requestFile}', async ({ params, query }) => {
  const file = open311File(params.requestFile);
  if (!file) throw new NotFoundError('OPEN311_PATH_NOT_FOUND', '服务请求的路径须以 .json 或 .xml 结尾');
  return getOpen311Request(deps(), query.jurisdiction_id, file.name);
});
