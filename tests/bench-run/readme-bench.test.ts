/**
 * The README's `npm run bench`, run exactly as written: it ends well and prints
 * every figure it promises, each a value. Nothing here judges a figure (speed
 * is for people to read off the run, not for a timed test); this proves the
 * command a newcomer pastes works from start to end.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTEXTS, routeList } from '../../functions/src/routes.js';
import { NOT_READS } from '../bench/round-trips.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function run(command: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: root, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', () => undefined);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('the README’s bench command', () => {
  it('is in the README as written here', () => {
    expect(readme).toContain('`npm run bench`');
  });

  it('runs to its end and prints every figure', async () => {
    const { code, out } = await run('npm run bench');
    const figures = new Map(
      out
        .split('\n')
        .map((line) => /^([a-z0-9_]+(?: [A-Z]+ \S+)?): (.+)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1] as string, m[2] as string]),
    );
    expect(code, out.slice(-2000)).toBe(0);
    const number = /^\d+(\.\d+)?%?$/;
    for (const name of [...CONTEXTS, 'jobs', 'outbox']) {
      expect(figures.get(`lambda_bundle_${name}_kb`)).toMatch(number);
      expect(figures.get(`lambda_cold_load_${name}_ms`)).toMatch(/^-?\d+$/);
    }
    for (const name of [
      'lambda_layer_tracer_kb',
      'weapp_main_package_kb',
      'api_list_rps',
      'api_list_ratio',
      'feedback_submit_rps',
      'feedback_action_p50_ms_wechat_2s',
      'open311_requests_rps',
      'exchange_close_ticks',
      'points_redeem_ratio',
      'bulletin_feed_ratio',
      'sorting_search_max_ms',
      'street_figures_ratio',
      'community_figures_ratio',
      'street_figures_round_trips',
      'admin_feedback_figures_ratio',
      'admin_points_figures_ratio',
    ]) {
      expect(figures.get(name), name).toMatch(number);
    }
    // Every read route says its round trips (or why it could not be measured).
    for (const { key } of routeList('local')) {
      if (!key.startsWith('GET ') || NOT_READS.test(key)) continue;
      expect(figures.get(`round_trips ${key}`), key).toMatch(/^\d+( \(.+\))?$|^not measured|^answered \d{3}$/);
    }
  });
});
