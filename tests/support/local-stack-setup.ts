/**
 * vitest globalSetup: starts the whole local stack (DynamoDB Local in memory,
 * WeChat stand-in, photo store, the real handlers, the H5 build) on free
 * ports in a child process, and tells the tests where it is.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    wechatUrl: string;
    photoStoreUrl: string;
    dynamoEndpoint: string;
    tableName: string;
    /** The stack's session signing key, so tests can mint expired or foreign tokens. */
    sessionKey: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject) {
  const sessionKey = randomBytes(32).toString('base64url');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'infra/local/start.ts', '--memory', '--no-build', '--ready-json'],
    {
      cwd: root,
      env: { ...process.env, LINLI_PORT: '0', LOG_LEVEL: 'WARN', SESSION_KEY: sessionKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (d) => stderr.push(String(d)));
  const ready = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local stack did not start in 90 s\n${stderr.join('')}`)), 90_000);
    child.once('exit', (code) => reject(new Error(`local stack exited (${code})\n${stderr.join('')}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.startsWith('LINLI_READY ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('LINLI_READY '.length)));
    });
  });
  for (const name of ['apiUrl', 'wechatUrl', 'photoStoreUrl', 'dynamoEndpoint', 'tableName'] as const)
    project.provide(name, ready[name] as string);
  project.provide('sessionKey', sessionKey);

  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
}
