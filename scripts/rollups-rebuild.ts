/**
 * `npm run rollups:rebuild -- <streetId>…`: recomputes the streets' roll-ups and their communities' from the raw
 * items and writes them over what the stream consumer kept, printing how many differed. An id that is not a
 * street is taken as a community (one without a street). The communities' sort-quality counters (分类质量) are
 * recomputed from their weigh-ins alike. Against the local stack by default
 * (DYNAMODB_ENDPOINT=http://127.0.0.1:3001, TABLE_NAME=linli); in the cloud set TABLE_NAME and AWS_REGION
 * and leave DYNAMODB_ENDPOINT unset.
 */
import { createTable } from '../functions/src/data/client.js';
import { createCommunitiesRepository } from '../functions/src/data/communities.js';
import { createRebuildDeps } from '../functions/src/data/rollup-sources.js';
import { rebuildAndWrite } from '../functions/src/domain/rollups/rebuild.js';

const ids = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (!ids.length) {
  console.error('usage: npm run rollups:rebuild -- <streetId|communityId>…   (the demo street is changhe)');
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
const deps = createRebuildDeps(table);
const communities = createCommunitiesRepository(table);
for (const id of ids) {
  const street = await deps.streets.get(id);
  if (!street && !(await communities.get(id))) {
    console.error(`${id}: no such street or community`);
    process.exit(1);
  }
  const { written, differed, sortQuality } = await rebuildAndWrite(
    deps,
    street ? { streetId: id } : { communityId: id },
  );
  console.log(`${id}: ${written} roll-ups written, ${differed} differed from what was kept`);
  console.log(
    `${id}: ${sortQuality.written} sort-quality counters written, ${sortQuality.differed} differed from what was kept`,
  );
}
