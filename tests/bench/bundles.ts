/**
 * Each Lambda bundle as the CDK stack bundles it (esbuild, minified, the AWS
 * SDK external): its size, what zod and Powertools take of it, and how long
 * loading it takes (a cold start's module load) against a bare `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CONTEXTS } from '../../functions/src/routes.js';
import { LAMBDA_ESBUILD } from '../../infra/lib/bundling.js';
import { buildTracerLayer } from '../../infra/lib/powertools-layer.js';

/** Lambdas besides the API contexts: the scheduled sweeps and the outbox's stream consumer. */
const OTHERS = ['jobs', 'outbox'] as const;
const RUNS = 7;

/** What the handlers read at module load; nothing is called. */
const ENV = {
  STAGE: 'prod',
  TABLE_NAME: 'bench',
  AWS_REGION: 'cn-north-1',
  PHOTO_BUCKET: 'bench-photos',
  WECHAT_APP_ID: 'wxbench',
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
  WECHAT_TEMPLATE_FEEDBACK_ACCEPTED: 'bench',
  WECHAT_TEMPLATE_FEEDBACK_RESOLVED: 'bench',
  WECHAT_TEMPLATE_FEEDBACK_REPLY: 'bench',
  WECHAT_TEMPLATE_FEEDBACK_TASK: 'bench',
  WECHAT_TEMPLATE_PICKUP_REMINDER: 'bench',
  WECHAT_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:bench',
  WECHAT_PUSH_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:bench-push',
  SESSION_KEY_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:bench-session',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Wall time of `node <args>`, median of a few runs. */
function nodeMs(args: string[], env: Record<string, string>): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The size of every file under `dir`. */
function bytesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** The XML writer and what it brings along (only the open311 bundle should carry any of it). */
const XML_LIBRARY =
  /node_modules\/(fast-xml-parser|fast-xml-builder|path-expression-matcher|xml-naming|strnum|is-unsafe|@nodable)\//;

export async function bundleBenchmark(
  root: string,
  figure: (name: string, value: string | number) => void,
  only?: readonly string[],
) {
  // Inside the repository, so the bundles find the AWS SDK in node_modules as a Lambda finds it in its runtime.
  const dir = join(root, '.tmp/bench-bundles');
  mkdirSync(dir, { recursive: true });
  try {
    const bare = nodeMs(['-e', '0'], {});
    figure('lambda_node_bare_ms', bare.toFixed(0));
    figure('lambda_bundle_goal_kb', 150);
    // Powertools Tracer and the X-Ray SDK, kept out of every bundle: once per stack, as a layer.
    figure('lambda_layer_tracer_kb', (bytesUnder(buildTracerLayer(root)) / 1024).toFixed(1));
    for (const name of [...CONTEXTS, ...OTHERS].filter((n) => !only || only.includes(n))) {
      const out = await build({
        entryPoints: [join(root, `functions/src/handlers/${name}/index.ts`)],
        ...LAMBDA_ESBUILD,
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const code = out.outputFiles[0]?.contents ?? new Uint8Array();
      const inputs = Object.values(out.metafile.outputs)[0]?.inputs ?? {};
      const share = (match: RegExp) =>
        Object.entries(inputs).reduce((sum, [path, i]) => sum + (match.test(path) ? i.bytesInOutput : 0), 0);
      figure(`lambda_bundle_${name}_kb`, (code.length / 1024).toFixed(1));
      figure(`lambda_bundle_${name}_zod_kb`, (share(/node_modules\/zod\//) / 1024).toFixed(1));
      figure(`lambda_bundle_${name}_xml_kb`, (share(XML_LIBRARY) / 1024).toFixed(1));
      figure(
        `lambda_bundle_${name}_powertools_kb`,
        (share(/node_modules\/@aws-lambda-powertools\//) / 1024).toFixed(1),
      );
      const file = join(dir, `${name}.mjs`);
      writeFileSync(file, code);
      const loaded = nodeMs(
        ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)})`],
        ENV,
      );
      figure(`lambda_cold_load_${name}_ms`, (loaded - bare).toFixed(0));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
