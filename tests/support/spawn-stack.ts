/**
 * Starts the whole local stack (`infra/local/start.ts`, in memory, on free
 * ports, with only the bare demo structure: `--empty`) in a child process
 * and says where everything is. Used by the test setup and the benchmark, so
 * each gets a stack of its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SpawnedStack {
  apiUrl: string;
  wechatUrl: string;
  photoStoreUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function spawnLocalStack(env: Record<string, string> = {}): Promise<SpawnedStack> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'infra/local/start.ts', '--memory', '--empty', '--no-build', '--no-sweeps', '--ready-json'],
    {
      cwd: root,
      env: { ...process.env, LINLI_PORT: '0', LOG_LEVEL: 'WARN', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (d) => stderr.push(String(d)));
  // LINLI_STACK_STDERR=1 shows the stack's own log (its handlers' errors) beside the test's.
  if (process.env.LINLI_STACK_STDERR) child.stderr?.pipe(process.stderr);
  const ready = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local stack did not start in 90 s\n${stderr.join('')}`)), 90_000);
    child.once('exit', (code) => reject(new Error(`local stack exited (${code})\n${stderr.join('')}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.startsWith('LINLI_READY ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('LINLI_READY '.length)));
    });
  });
  return {
    apiUrl: ready.apiUrl as string,
    wechatUrl: ready.wechatUrl as string,
    photoStoreUrl: ready.photoStoreUrl as string,
    dynamoEndpoint: ready.dynamoEndpoint as string,
    tableName: ready.tableName as string,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
