/**
 * Feedback actions while WeChat is slow: an admin's replies (each one a message
 * the resident has a consent for, so WeChat is really called) with the
 * stand-in answering at once and then after 2 s. The request never waits
 * for WeChat, so the two p50s should be close.
 */
import { randomUUID } from 'node:crypto';
import type { SpawnedStack } from '../support/spawn-stack.js';

type Measure = (run: () => Promise<void>, requests?: number) => Promise<{ rps: number; p50: number; p99: number }>;
type Figure = (name: string, value: string | number) => void;

const APP_ID = 'wx0000local0000linli';

export async function feedbackSlowWechatBenchmark(stack: SpawnedStack, measure: Measure, figure: Figure) {
  const json = async (path: string, body: unknown, token?: string, base = stack.apiUrl) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const { standInOpenid } = await import('../../infra/local/wechat-stand-in.js');
  const { token: resident } = (await json('/v1/auth/dev', { persona: 'resident-li' })).body as { token: string };
  const { token: staff } = (await json('/v1/auth/dev', { persona: 'admin-chunhui' })).body as { token: string };
  /** A fresh accepted report: the timed requests run 8 at a time, and one report takes one change at a time. */
  const acceptedReport = async () => {
    const submitted = await json(
      '/v1/communities/chunhui/feedback',
      {
        category: 'sanitation',
        description: '翠竹园2幢门口的垃圾桶满了没人清理',
        location: { estateId: 'cuizhu-yuan', buildingId: 'czy-b2', unit: 1, detail: '' },
      },
      resident,
    );
    const reportId = submitted.body.reportId as string;
    if (!reportId) throw new Error(`bench report not filed: ${JSON.stringify(submitted.body)}`);
    const accepted = await json(`/v1/communities/chunhui/feedback/${reportId}/events`, { action: 'accept' }, staff);
    if (accepted.status !== 200) throw new Error(`bench report not accepted: ${JSON.stringify(accepted.body)}`);
    return reportId;
  };

  const REPLIES = 100;
  const round = async (delayMs: number) => {
    // A consent per reply (and per warm-up), granted the way the app does: WeChat's client, then our API.
    for (let i = 0; i < REPLIES + 20; i++) {
      await json(
        '/__stand-in/subscribe',
        { openid: standInOpenid(APP_ID, 'resident-li'), tmplIds: ['local-feedback-reply'] },
        undefined,
        stack.wechatUrl,
      );
      await json('/v1/me/subscriptions', { accepted: ['feedback_reply'] }, resident);
    }
    const reports: string[] = [];
    for (let i = 0; i < REPLIES + 20; i++) reports.push(await acceptedReport());
    await json('/__stand-in/faults', { delayMs }, undefined, stack.wechatUrl);
    return measure(async () => {
      const reportId = reports.pop();
      if (!reportId) throw new Error('more replies than reports');
      const res = await json(
        `/v1/communities/chunhui/feedback/${reportId}/events`,
        { action: 'reply', text: '已安排保洁清理' },
        staff,
      );
      if (res.status !== 200) throw new Error(`reply answered ${res.status}: ${JSON.stringify(res.body)}`);
    }, REPLIES);
  };
  const quick = await round(0);
  const slow = await round(2000);
  await fetch(`${stack.wechatUrl}/__stand-in/faults`, { method: 'DELETE' });
  figure('feedback_action_endpoint', 'POST …/feedback/{reportId}/events (reply, with a WeChat consent each)');
  figure('feedback_action_p50_ms_wechat_fast', quick.p50.toFixed(2));
  figure('feedback_action_p50_ms_wechat_2s', slow.p50.toFixed(2));
  figure('feedback_action_p99_ms_wechat_2s', slow.p99.toFixed(2));
}
