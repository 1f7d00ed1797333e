/**
 * `npm start`: the whole system on this machine, offline.
 *   npm start                 data kept in .data/ (a restart loses nothing)
 *   npm start -- --memory     a throwaway run (or LINLI_MEMORY=1)
 *   LINLI_PORT=4000 npm start another port (DynamoDB, WeChat, photos take the next three; 0 = any free ones)
 *   npm start -- --empty      only the bare structure (two communities, personas, rewards), as the tests use;
 *                             without it the living demo district: six communities and six months of history
 *   --no-sweeps               no sweeps on a timer: the tests run them through POST /v1/dev/sweeps,
 *                             as if it were the moment they name
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PortInUseError } from './ports.js';
import { startLocalStack } from './stack.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = new Set(process.argv.slice(2));
const memory = args.has('--memory') || process.env.LINLI_MEMORY === '1';
const port = Number(process.env.LINLI_PORT ?? 3000);
const h5Dir = join(root, 'miniprogram', process.env.LINLI_DIST ?? 'dist', 'h5');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the H5 app when it is missing or older than its sources. */
function ensureH5Build() {
  const index = join(h5Dir, 'index.html');
  const sources = Math.max(newestMtime(join(root, 'miniprogram/src')), newestMtime(join(root, 'shared/src')));
  if (!args.has('--no-build') && (!existsSync(index) || statSync(index).mtimeMs < sources)) {
    console.log('正在构建小程序网页版 (H5)… / building the H5 app…');
    const build = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('H5 build failed');
  }
}

async function main() {
  if (!Number.isInteger(port) || port < 0 || port > 65532) throw new Error('LINLI_PORT must be a port number');
  ensureH5Build();
  const stack = await startLocalStack({
    port,
    memory,
    dataDir: join(root, '.data'),
    h5Dir,
    sweepIntervalMs: args.has('--no-sweeps') ? undefined : 60_000,
    logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
    empty: args.has('--empty'),
  });
  // The test setup starts this script on free ports and reads where things are from this line.
  if (args.has('--ready-json')) console.log(`LINLI_READY ${JSON.stringify({ ...stack, stop: undefined })}`);
  console.log(`
邻里 Linli is running${memory ? ' (in memory: nothing is kept)' : ` (data in ${join(root, '.data')})`}
  App (H5, 演示身份登录)   ${stack.apiUrl}/
  API                      ${stack.apiUrl}/v1/health
  OpenAPI                  ${stack.apiUrl}/openapi.json
  DynamoDB Local           ${stack.dynamoEndpoint}   (table ${stack.tableName})
  WeChat stand-in          ${stack.wechatUrl}   (outbox: ${stack.wechatUrl}/__stand-in/outbox)
  Photo store (S3)         ${stack.photoStoreUrl}
Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止… / stopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  if (error instanceof PortInUseError) console.error(error.message);
  else console.error('启动失败 / failed to start:', error);
  process.exit(1);
});
