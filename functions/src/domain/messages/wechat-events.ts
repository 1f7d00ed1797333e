/**
 * WeChat's message push (消息推送), where image-check verdicts arrive. A push
 * is believed only with a valid signature, a fresh timestamp and a nonce not
 * seen before; each trace id's verdict is applied once, with its effects.
 */
import { ForbiddenError } from '@linli/shared';
import { openPush, verifyUrl } from '../../clients/wechat-push.js';
import type { MessageDraft, MessagesRepository } from '../../data/messages.js';
import type { PhotoChecksRepository } from '../../data/photo-checks.js';
import { logger } from '../../http/route-handler.js';

export interface PushSecret {
  token: string;
  encodingAesKey: string;
}

export interface WechatEventsDeps {
  pushSecret: () => Promise<PushSecret>;
  appId: string;
  photoChecks: Pick<PhotoChecksRepository, 'traced' | 'get' | 'applyVerdict'>;
  messages: Pick<MessagesRepository, 'messageItems'>;
  /** Remembers a nonce for the replay window; false when it was seen already. */
  nonces: { remember(nonce: string, now: Date): Promise<boolean> };
  now: () => Date;
}

export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  msg_signature?: string;
  encrypt_type?: string;
}

const forged = () => new ForbiddenError('WECHAT_PUSH_REFUSED', '消息推送签名无效或已过期');

/** The URL check of the mp console: echo `echostr` only to a correctly signed request. */
export async function verifyPushUrl(deps: WechatEventsDeps, q: PushQuery): Promise<string> {
  const { token } = await deps.pushSecret();
  const { signature, timestamp, nonce, echostr } = q;
  if (!signature || !timestamp || !nonce || echostr === undefined) throw forged();
  if (!verifyUrl({ token, signature, timestamp, nonce })) throw forged();
  return echostr;
}

/** One push; the answer WeChat expects is `success` (anything else makes it retry). */
export async function receivePush(deps: WechatEventsDeps, q: PushQuery, body: string): Promise<string> {
  const secret = await deps.pushSecret();
  const now = deps.now();
  const opened = openPush({
    token: secret.token,
    aesKey: secret.encodingAesKey,
    appId: deps.appId,
    query: {
      signature: q.signature ?? '',
      timestamp: q.timestamp ?? '',
      nonce: q.nonce ?? '',
      msg_signature: q.msg_signature ?? '',
      encrypt_type: q.encrypt_type ?? '',
    },
    body,
    now,
  });
  if (!opened.ok) {
    logger.warn('WeChat push refused', { reason: opened.reason });
    throw forged();
  }
  if (!(await deps.nonces.remember(opened.nonce, now))) {
    logger.warn('WeChat push refused', { reason: 'replay' });
    throw forged();
  }
  const message = opened.message;
  if (message.Event === 'wxa_media_check') await applyMediaCheck(deps, message, now);
  else logger.info('WeChat push ignored', { event: String(message.Event ?? message.MsgType ?? 'unknown') });
  return 'success';
}

async function applyMediaCheck(deps: WechatEventsDeps, message: Record<string, unknown>, now: Date) {
  const traceId = typeof message.trace_id === 'string' ? message.trace_id : '';
  const result = (message.result ?? {}) as { suggest?: unknown; label?: unknown };
  const suggest = result.suggest === 'risky' || result.suggest === 'review' ? result.suggest : 'pass';
  // WeChat documents a number; real pushes have carried it as a string ("100") too.
  const label =
    Number.isFinite(Number(result.label)) && result.label !== null && result.label !== '' ? Number(result.label) : null;
  const trace = traceId ? await deps.photoChecks.traced(traceId) : undefined;
  if (!trace) {
    logger.warn('Verdict for an unknown trace id', { traceId });
    return;
  }
  if (trace.handled) return;
  const check = await deps.photoChecks.get(trace.photoKey);
  if (!check) return;
  const notify = check.owner.notify;
  const drafts: MessageDraft[] =
    suggest === 'risky' && notify
      ? [
          {
            userId: notify.userId,
            kind: 'photo_hidden',
            communityId: notify.communityId,
            link: notify.link,
            title: '有一张照片未通过内容安全检查',
            body: `${notify.what}未通过微信内容安全检查，已对其他居民隐藏，工作人员仍可查看。其余内容照常办理。`,
          },
        ]
      : [];
  const applied = await deps.photoChecks.applyVerdict(
    traceId,
    check,
    suggest,
    label,
    deps.messages.messageItems(drafts, now),
    now,
  );
  logger.info('Photo check verdict', { traceId, suggest, label, applied });
}
