import { defineConfig } from 'vitest/config';

/**
 * One suite, eight projects. `npm test` (tests/run.ts) builds the mini-program
 * first, then runs them all and prints the `N passed, N failed` line.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/local-stack-setup.ts'],
          // One stack for all: WeChat consents are per person, so files that spend them must not interleave.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The load test gets a stack of its own: its invariants are checked over whole tables.
        test: {
          name: 'load',
          include: ['tests/load/**/*.test.ts'],
          globalSetup: ['tests/support/local-stack-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 90_000,
        },
      },
      {
        // The same load test once more against a stack whose DynamoDB conflicts, throttles and loses answers
        // (functions/src/data/faults.ts); after the others, so the two load runs never share the machine.
        test: {
          name: 'load-faults',
          include: ['tests/load/**/*.test.ts'],
          globalSetup: ['tests/support/local-stack-setup.ts'],
          env: { LINLI_FAULTS: 'conflict=0.1,throttle=0.05,provisioned=0.02,timeout=0.02' },
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 90_000,
        },
      },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 } },
      { test: { name: 'weapp', include: ['tests/weapp/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Last, with the machine to itself: its waits are for what a person would see, and on 2 cores shared
          // with every other project they sometimes ran out.
          sequence: { groupOrder: 2 },
          globalSetup: ['tests/support/local-stack-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        // The README's `npm run bench` as written, after everything else: it starts its own stacks and
        // measures, so it gets the machine to itself.
        test: {
          name: 'bench',
          include: ['tests/bench-run/**/*.test.ts'],
          sequence: { groupOrder: 3 },
          testTimeout: 1_200_000,
        },
      },
    ],
  },
});
