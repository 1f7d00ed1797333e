/**
 * The README's deploy section is a command people paste: its `npm run synth`
 * runs here exactly as written, and the template it writes carries what the
 * command said.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The `npm run synth …` command of the README's deploy block, with its line continuations. */
function readmeSynth(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /## Deploying with CDK[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README has no deploy block');
  const lines = block.split('\n');
  const start = lines.findIndex((line) => line.startsWith('npm run synth'));
  if (start < 0) throw new Error('README deploy block has no npm run synth');
  let end = start;
  while (lines[end]?.endsWith('\\')) end++;
  return lines.slice(start, end + 1).join('\n');
}

describe('the README’s synth command', () => {
  it('runs as written and synthesises the prod stack with the given app id and templates', () => {
    // Prepare
    const command = readmeSynth();
    // Act
    const run = spawnSync('bash', ['-c', command], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    // Assess
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const out = join(root, 'infra/cdk.out');
    const file = readdirSync(out).find((f) => /^LinliStack-prod.*\.template\.json$/.test(f));
    expect(file).toBeDefined();
    const template = readFileSync(join(out, file as string), 'utf8');
    expect(template).toContain('wx1234567890abcdef');
    for (const id of /templateFeedbackAccepted=(\S+)/.exec(command)?.slice(1) ?? []) expect(template).toContain(id);
    expect(template).toContain('WECHAT_TEMPLATE_PICKUP_REMINDER');
  });
});
