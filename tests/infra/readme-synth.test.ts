/**
 * The README's deploy section is a command people paste: its `npm run synth`
 * runs here exactly as written, and the template it writes carries what the
 * command said. The rest of the section is checked against the code: every
 * context parameter is documented, and the restore runbook's deploy line is
 * the deploy line plus the two restore parameters.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableDefinition } from '@linli/functions/data/table-definition';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEYS } from '../../infra/lib/config.js';
import { buildStack } from './build.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const deploySection = readme.slice(readme.indexOf('## Deploying with CDK'));

/** The `sh` code blocks of the deploy section, in order. */
function shBlocks(): string[] {
  return [...deploySection.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

/** The command in `block` that starts with `prefix`, with its line continuations. */
function command(block: string, prefix: string): string {
  const lines = block.split('\n');
  const start = lines.findIndex((line) => line.startsWith(prefix));
  if (start < 0) throw new Error(`README deploy block has no ${prefix}`);
  let end = start;
  while (lines[end]?.endsWith('\\')) end++;
  return lines.slice(start, end + 1).join('\n');
}

/** The `npm run synth …` command of the README's deploy block. */
function readmeSynth(): string {
  const [block] = shBlocks();
  if (!block) throw new Error('README has no deploy block');
  return command(block, 'npm run synth');
}

/** `-c key=value` pairs of a command, as CDK context. */
function contextOf(cmd: string): Record<string, string> {
  return Object.fromEntries([...cmd.matchAll(/-c (\w+)=(\S+)/g)].map((m) => [m[1], m[2]] as [string, string]));
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
    // The region it names, in its partition, and the alarm address it gives.
    const region = contextOf(command).region as string;
    expect(region).toMatch(/^cn-/);
    expect(template).toContain(`.execute-api.${region}.`);
    expect(template).not.toContain('arn:aws:');
    const alarmEmail = contextOf(command).alarmEmail as string;
    expect(template).toContain(alarmEmail);
  });
});

describe('npm run synth without a region', () => {
  it('fails and says how to give one, where the CDK CLI would have guessed us-east-1', () => {
    // Prepare: no region anywhere (no AWS_REGION, no profile, no ~/.aws/config)
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(AWS_|AMAZON_|CDK_DEFAULT_)/.test(name)),
    );
    const home = mkdtempSync(join(tmpdir(), 'linli-no-aws-'));

    // Act
    const run = spawnSync('npm', ['run', 'synth', '--', '-c', 'stage=dev'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...env, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' },
    });

    // Assess
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}\n${run.stderr}`).toContain('No region: pass -c region=');
  });
});

describe('the rest of the deploy section', () => {
  it('documents every context parameter the stack reads', () => {
    for (const key of CONTEXT_KEYS) expect(deploySection, key).toContain(`\`${key}\``);
  });

  it('switches to a restored table with the deploy command plus -c tableName and -c tableStreamArn', () => {
    // Prepare
    const [deployBlock, runbook] = shBlocks();
    const deploy = command(deployBlock as string, 'npm run deploy');
    const restore = command(runbook as string, 'npm run deploy');
    const tableName = 'linli-prod-restored-202603010800';
    const stream = `arn:aws-cn:dynamodb:cn-north-1:123456789012:table/${tableName}/stream/2026-03-01T08:30:00.000`;

    // Act
    const context = contextOf(restore.replace('"$TARGET"', tableName).replace('"$STREAM"', stream));
    const template = Template.fromStack(buildStack({ ...context, account: '123456789012' }));

    // Assess
    expect(context).toEqual({ ...contextOf(deploy), tableName, tableStreamArn: stream });
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: stream });
    // Each step of the runbook is a command, and it uses the TTL attribute of the table definition.
    expect(runbook).toContain('restore-table-to-point-in-time');
    expect(runbook).toContain('StreamViewType=NEW_IMAGE');
    expect(runbook).toContain(`AttributeName=${tableDefinition.ttlAttribute}`);
  });
});
