/**
 * How every Lambda is bundled, shared by the stack (infra/lib/lambda.ts) and
 * the bundle benchmark (tests/bench/bundles.ts), so the figures are the stack's.
 */

import type { BuildOptions } from 'esbuild';

/** Powertools Tracer and the X-Ray SDK come from the stack's layer (infra/lib/powertools-layer.ts). */
export const TRACER_PACKAGE = '@aws-lambda-powertools/tracer';

/** The runtime ships SDK v3, and the layer the tracer: bundling either would only grow the cold start. */
export const BUNDLE_EXTERNALS = ['@aws-sdk/*', TRACER_PACKAGE];

/** CommonJS dependencies inside an ESM bundle still call require(). */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

/** esbuild's options for a Lambda bundle, as the stack's NodejsFunction sets them (for builds outside CDK). */
export const LAMBDA_ESBUILD = {
  bundle: true,
  minify: true,
  platform: 'node' as const,
  target: 'node22',
  format: 'esm' as const,
  mainFields: ['module', 'main'],
  external: BUNDLE_EXTERNALS,
  banner: { js: ESM_REQUIRE_BANNER },
} satisfies BuildOptions;
