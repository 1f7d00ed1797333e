import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/health', async () => {
  const { config, now } = deps();
  return {
    status: 'ok',
    stage: config.stage,
    database: { kind: config.dynamoEndpoint ? 'dynamodb-local' : 'dynamodb', table: config.tableName },
    time: now().toISOString(),
  };
});
