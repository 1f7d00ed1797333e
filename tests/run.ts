/**
 * `npm test`: every check in one run — lint, types, both mini-program builds,
 * then all vitest projects (unit, integration, infra, weapp, e2e) — closing
 * with one line CI reads: `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results: { name: string; ok: boolean }[] = [];

function step(name: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = run.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(name: string, command: string, args: string[]) {
  results.push({ name, ok: step(name, command, args) });
}

step('system packages (Java, Chromium, CJK font)', 'bash', ['scripts/system-deps.sh']);
check('lint (biome)', 'npx', ['biome', 'check', '.']);
check('types (backend, infra, tests)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('types (mini-program)', 'npx', ['tsc', '-p', 'miniprogram/tsconfig.json', '--noEmit']);
// The weapp and e2e projects test these builds; a failed build fails those tests too.
check('build weapp', 'npm', ['run', 'build:weapp', '--silent']);
check('build h5', 'npm', ['run', 'build:h5', '--silent']);

const report = join(root, 'test-results/vitest.json');
mkdirSync(dirname(report), { recursive: true });
rmSync(report, { force: true });
step('vitest (unit, integration, infra, weapp, e2e)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);

let passed = results.filter((r) => r.ok).length;
let failed = results.length - passed;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
    testResults: { status: string; name: string; assertionResults: unknown[] }[];
  };
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that failed to load has no test results but must still count.
  failed += json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  if (json.numTotalTests === 0) failed += 1;
} else {
  failed += 1;
}

for (const r of results.filter((r) => !r.ok)) console.log(`failed check: ${r.name}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
