/**
 * Powertools Tracer as a Lambda layer of our own, built from the locked
 * package by the local esbuild (no docker, no network). The tracer brings the
 * X-Ray SDK, as large as a context's own code: kept out of every bundle
 * (`BUNDLE_EXTERNALS`) and shipped once per stack instead.
 * The layer is ESM, as the bundles are, at `nodejs/node_modules`, where the
 * Node.js runtime resolves a layer's packages for `import` as for `require`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { ESM_REQUIRE_BANNER, TRACER_PACKAGE } from './bundling.js';

/** What the handlers import of it: the package and its middy middleware. */
const ENTRIES = { index: TRACER_PACKAGE, middleware: `${TRACER_PACKAGE}/middleware` } as const;

function tracerVersion(root: string): string {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.[`node_modules/${TRACER_PACKAGE}`]?.version;
  if (!version) throw new Error(`${TRACER_PACKAGE} is not in package-lock.json`);
  return version;
}

/**
 * Builds the layer's content once per tracer version and builder (under
 * `.tmp/powertools-layer/`), and answers its folder. Built beside and renamed
 * into place, so two synths at once never see half a layer.
 */
export function buildTracerLayer(root: string): string {
  const version = tracerVersion(root);
  const builder = createHash('sha256')
    .update(readFileSync(new URL(import.meta.url)))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(root, '.tmp/powertools-layer', `tracer-${version}-${builder}`);
  if (existsSync(dir)) return dir;
  const building = `${dir}.${process.pid}.${Date.now()}`;
  const pkg = path.join(building, 'nodejs/node_modules', TRACER_PACKAGE);
  buildSync({
    absWorkingDir: root,
    entryPoints: Object.entries(ENTRIES).map(([out, spec]) => ({ out, in: spec })),
    outdir: pkg,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    mainFields: ['module', 'main'],
    // The runtime ships SDK v3, as for the bundles.
    external: ['@aws-sdk/*'],
    banner: { js: ESM_REQUIRE_BANNER },
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  writeFileSync(
    path.join(pkg, 'package.json'),
    `${JSON.stringify(
      {
        name: TRACER_PACKAGE,
        version,
        type: 'module',
        exports: { '.': './index.mjs', './middleware': './middleware.mjs' },
      },
      null,
      2,
    )}\n`,
  );
  mkdirSync(path.dirname(dir), { recursive: true });
  try {
    renameSync(building, dir);
  } catch (error) {
    // Another synth put the same layer in place first.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
  }
  return dir;
}

/** The stack's one tracer layer, made on first use. */
export function tracerLayer(scope: Construct, root: string): LayerVersion {
  const stack = Stack.of(scope);
  const found = stack.node.tryFindChild('PowertoolsTracerLayer');
  if (found) return found as LayerVersion;
  return new LayerVersion(stack, 'PowertoolsTracerLayer', {
    code: Code.fromAsset(buildTracerLayer(root)),
    compatibleRuntimes: [Runtime.NODEJS_22_X],
    compatibleArchitectures: [Architecture.ARM_64],
    description: `Powertools Tracer ${tracerVersion(root)} with the X-Ray SDK (ESM)`,
  });
}
