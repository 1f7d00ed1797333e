/**
 * `npm run rollups:rebuild -- <streetId>…`: recomputes the streets' roll-ups from the raw items and writes them
 * over what the stream consumer kept, printing how many differed. Against the local stack by default
 * (DYNAMODB_ENDPOINT=http://127.0.0.1:3001, TABLE_NAME=linli); in the cloud set TABLE_NAME and AWS_REGION
 * and leave DYNAMODB_ENDPOINT unset.
 */
import { createTable } from '../functions/src/data/client.js';
import { createRollupSources } from '../functions/src/data/rollup-sources.js';
import { createRollupsRepository } from '../functions/src/data/rollups.js';
import { createStreetsRepository } from '../functions/src/data/streets.js';
import { rebuildAndWrite } from '../functions/src/domain/rollups/rebuild.js';

const streets = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (!streets.length) {
  console.error('usage: npm run rollups:rebuild -- <streetId>…   (the demo street is changhe)');
  process.exit(2);
}
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';
const endpoint = process.env.DYNAMODB_ENDPOINT ?? (process.env.TABLE_NAME ? undefined : 'http://127.0.0.1:3001');
const table = createTable({
  tableName: process.env.TABLE_NAME ?? 'linli',
  region: process.env.AWS_REGION ?? 'cn-north-1',
  ...(endpoint ? { endpoint } : {}),
});
const deps = {
  sources: createRollupSources(table),
  streets: createStreetsRepository(table),
  rollups: createRollupsRepository(table),
  now: () => new Date(),
};
for (const streetId of streets) {
  const { written, differed } = await rebuildAndWrite(deps, streetId);
  console.log(`${streetId}: ${written} roll-ups written, ${differed} differed from what was kept`);
}
