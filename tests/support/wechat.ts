/**
 * What tests need of the WeChat stand-in: consents granted the way the app
 * does it (WeChat's client first, then our API), the outbox of sent
 * messages, faults, and image-check verdicts on demand.
 */
import type { SubscriptionTemplate } from '@linli/shared';
import { expect, inject } from 'vitest';
import { standInOpenid } from '../../infra/local/wechat-stand-in.js';
import { api, signIn } from './api.js';

/** The local stack's app id (infra/local/stack.ts). */
export const LOCAL_APP_ID = 'wx0000local0000linli';
export const openidOf = (persona: string) => standInOpenid(LOCAL_APP_ID, persona);
/** The template id a local build uses for a template name. */
export const templateId = (name: string) => `local-${name.replaceAll('_', '-')}`;

export interface SentMessage {
  msgid: number;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export async function standIn(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${inject('wechatUrl')}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Someone signed in: a demo persona's name, or a person made in the test (`person` is their WeChat name). */
export type Who = string | { token: string; person: string };

const tokenOf = async (who: Who) => (typeof who === 'string' ? signIn(who) : who.token);
export const openidFor = (who: Who) => openidOf(typeof who === 'string' ? who : who.person);

/** One tap on 订阅 that the person accepts: WeChat records the consents, then the app tells our API. */
export async function consent(who: Who, templates: string[]) {
  const granted = await standIn('/__stand-in/subscribe', {
    body: { openid: openidFor(who), tmplIds: templates.map(templateId) },
  });
  expect(granted.body.errMsg).toBe('requestSubscribeMessage:ok');
  const reported = await api('POST /v1/me/subscriptions', {
    token: await tokenOf(who),
    body: { accepted: templates as SubscriptionTemplate[] },
  });
  return reported.remaining as Record<string, number>;
}

export async function outbox(filter: { touser?: string; template?: string; page?: string } = {}) {
  const { body } = await standIn('/__stand-in/outbox');
  return (body.messages as SentMessage[]).filter(
    (m) =>
      (!filter.touser || m.touser === filter.touser) &&
      (!filter.template || m.template_id === templateId(filter.template)) &&
      (!filter.page || m.page?.includes(filter.page)),
  );
}

/**
 * The messages sent for a filter once delivery has settled: waits until at
 * least `atLeast` arrived, then a little longer, so one too many is seen too.
 */
export async function settledOutbox(filter: Parameters<typeof outbox>[0], atLeast: number) {
  await expect
    .poll(async () => (await outbox(filter)).length, { timeout: 15_000, interval: 200 })
    .toBeGreaterThanOrEqual(atLeast);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return outbox(filter);
}

export async function setFaults(faults: Record<string, unknown>) {
  const res = await standIn('/__stand-in/faults', { body: faults });
  expect(res.status).toBe(200);
}

export async function clearFaults() {
  await standIn('/__stand-in/faults', { method: 'DELETE' });
}

/** The person's messages in 消息. */
export async function messagesOf(who: Who) {
  return api('GET /v1/me/messages', { token: await tokenOf(who), query: { limit: 100 } });
}

/** Runs the outbox sweep as if it were `now` (retries that are due). */
export async function sweepOutbox(now: Date) {
  const { results } = await api('POST /v1/dev/sweeps', { body: { now: now.toISOString(), sweeps: ['outbox'] } });
  return results[0] as { name: string; changed: number };
}
