/**
 * Consent to WeChat subscription messages (订阅消息). Each "accept" lets the
 * server send one message of that template, so we ask at the moments that
 * matter (a report filed, a reservation made, the staff's own tap) and report
 * every grant to the server, which counts what it may still send.
 *
 * WeChat shows its dialog only inside a tap handler: call
 * `askForSubscriptions` first thing on the tap, before any other await.
 */
import type { SubscriptionTemplate } from '@linli/shared';
import Taro from '@tarojs/taro';
import { api, getSession } from './api';

export type { SubscriptionTemplate };

/** WeChat takes at most 3 template ids in one `requestSubscribeMessage`. */
const MAX_PER_ASK = 3;
const OK = 'requestSubscribeMessage:ok';
/** Read once: the build inlines an object literal here, which must not land where a block could start. */
const TEMPLATE_IDS: Readonly<Record<SubscriptionTemplate, string>> = LINLI_TEMPLATE_IDS;

/**
 * Asks the person to accept `templates` (at most 3) and reports the accepted
 * ones to the server; resolves to the accepted names. Never throws: a refusal,
 * an old client or a failed report is logged and counts as no consent, so the
 * tap's own work goes on.
 */
export async function askForSubscriptions(templates: SubscriptionTemplate[]): Promise<SubscriptionTemplate[]> {
  const wanted = [...new Set(templates)];
  if (wanted.length > MAX_PER_ASK) console.warn(`askForSubscriptions: WeChat takes at most ${MAX_PER_ASK} templates`);
  const asked = wanted.slice(0, MAX_PER_ASK);
  if (asked.length === 0) return [];
  const tmplIds = asked.map((template) => TEMPLATE_IDS[template]);

  let accepted: SubscriptionTemplate[];
  try {
    // Started synchronously, inside the tap: nothing is awaited before this call.
    const answer = await subscribeAnswer(tmplIds);
    accepted = acceptedIn(answer, asked);
  } catch (error) {
    console.warn('subscription request failed', error);
    return [];
  }
  if (accepted.length === 0) return [];

  try {
    await api.grantSubscriptions({ accepted });
  } catch (error) {
    // WeChat's consent is used up only when the server sends; without the report it simply goes unused.
    console.warn('could not report the subscription grant', error);
  }
  return accepted;
}

/** WeChat's own dialog in weapp; in H5 the local WeChat stand-in answers for the demo persona. */
function subscribeAnswer(tmplIds: string[]): Promise<unknown> {
  if (process.env.TARO_ENV === 'weapp')
    // `entityIds` is Alipay's name for the same list; Taro's types want it, WeChat ignores it.
    return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] });
  // A browser has no such API. Only the local stack's stand-in can play WeChat's client, and only for
  // someone signed in as a demo persona; anywhere else (a cloud H5 build) the answer is no consent.
  const persona = getSession()?.persona;
  if (!persona) return Promise.resolve({ errMsg: 'requestSubscribeMessage:fail no WeChat client in a browser' });
  return api.standInSubscribe(persona, tmplIds);
}

/** The templates whose id came back `accept` in a `requestSubscribeMessage` success object. */
function acceptedIn(answer: unknown, asked: SubscriptionTemplate[]): SubscriptionTemplate[] {
  if (!answer || typeof answer !== 'object') throw new Error('no answer from requestSubscribeMessage');
  const result = answer as Record<string, unknown>;
  if (result.errMsg !== OK || (result.errCode !== undefined && result.errCode !== 0))
    throw new Error(`requestSubscribeMessage: ${String(result.errMsg)} (${String(result.errCode ?? '')})`);
  return asked.filter((template) => result[TEMPLATE_IDS[template]] === 'accept');
}
