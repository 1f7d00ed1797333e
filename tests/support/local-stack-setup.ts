/**
 * vitest globalSetup: starts the whole local stack (DynamoDB Local in memory,
 * WeChat stand-in, photo store, the real handlers, the H5 build) on free
 * ports in a child process, and tells the tests where it is.
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { spawnLocalStack } from './spawn-stack.js';

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

export default async function setup(project: TestProject) {
  const sessionKey = randomBytes(32).toString('base64url');
  // A project may ask for DynamoDB's faults (the load test's second run); the stack injects them below the SDK.
  const faults = project.config.env?.LINLI_FAULTS;
  const stack = await spawnLocalStack({ SESSION_KEY: sessionKey, ...(faults ? { LINLI_FAULTS: faults } : {}) });
  for (const name of ['apiUrl', 'wechatUrl', 'photoStoreUrl', 'dynamoEndpoint', 'tableName'] as const)
    project.provide(name, stack[name]);
  project.provide('sessionKey', sessionKey);
  return () => stack.stop();
}
