import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duration } from 'aws-cdk-lib';
import { Architecture, type IDestination, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BUNDLE_EXTERNALS, ESM_REQUIRE_BANNER } from './bundling.js';
import { tracerLayer } from './powertools-layer.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface HandlerFunctionProps {
  /** The folder under functions/src/handlers holding `index.ts`; also names the Powertools service. */
  readonly handler: string;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  /** Async invocation retries (the Lambda default is 2). */
  readonly retryAttempts?: number;
  /** Where an async invocation goes once its retries are spent. */
  readonly onFailure?: IDestination;
  /** Concurrency kept for this function alone, and its ceiling. */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * Kept six months: China's Cybersecurity Law (网络安全法, art. 21) asks network
 * operators to keep logs of their network for at least that long.
 */
export const LOG_RETENTION = RetentionDays.SIX_MONTHS;

/** The one way this app builds a Lambda: Node 22 on arm64, traced, bundled as ESM by the local esbuild (no docker). */
export function handlerFunction(scope: Construct, id: string, props: HandlerFunctionProps): NodejsFunction {
  return new NodejsFunction(scope, id, {
    entry: path.join(REPO_ROOT, 'functions/src/handlers', props.handler, 'index.ts'),
    projectRoot: REPO_ROOT,
    depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: 512,
    timeout: props.timeout,
    retryAttempts: props.retryAttempts,
    onFailure: props.onFailure,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    // X-Ray: every invocation is traced, with the AWS SDK calls it makes (functions/src/tracer.ts).
    tracing: Tracing.ACTIVE,
    layers: [tracerLayer(scope, REPO_ROOT)],
    logGroup: new LogGroup(scope, `${id}Logs`, { retention: LOG_RETENTION }),
    environment: {
      ...props.environment,
      POWERTOOLS_SERVICE_NAME: `linli-${props.handler}`,
      // Minified bundles: stack traces point at the TypeScript source.
      NODE_OPTIONS: '--enable-source-maps',
    },
    bundling: {
      forceDockerBundling: false,
      format: OutputFormat.ESM,
      externalModules: BUNDLE_EXTERNALS,
      minify: true,
      sourceMap: true,
      mainFields: ['module', 'main'],
      banner: ESM_REQUIRE_BANNER,
    },
  });
}
