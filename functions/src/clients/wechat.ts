/**
 * The WeChat server API client the Lambdas use. The base URL is the only
 * difference between the cloud (https://api.weixin.qq.com) and the local
 * stand-in; everything else runs the same code.
 */
import { AppError, UnauthorizedError, UpstreamError } from '@linli/shared';

export interface WechatClientConfig {
  baseUrl: string;
  appId: string;
  /**
   * Read lazily (Secrets Manager in the cloud) so a cold start does not pay for it until needed.
   * `fresh` asks past any cache: WeChat said the secret is wrong (40125), so it was reset in the mp console.
   */
  appSecret: (opts?: { fresh?: boolean }) => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The clock, for quota back-off (tests). */
  now?: () => number;
}

export interface MediaCheckInput {
  /** Someone who used the mini-program in the last two hours (WeChat's rule for version 2). */
  openid: string;
  /** Where WeChat downloads the file (up to 10 MB); it must stay downloadable until the verdict is pushed. */
  mediaUrl: string;
  /** 1 profile, 2 comment, 3 forum, 4 social log. */
  scene: 1 | 2 | 3 | 4;
  /** 1 audio, 2 image (default). */
  mediaType?: 1 | 2;
}

export interface SubscribeMessageInput {
  openid: string;
  templateId: string;
  /** Page opened from the message, e.g. `pages/feedback/detail?id=f1`. */
  page?: string;
  /** Template keys to values: `{ thing1: '楼道灯坏了', time2: '2025-05-01 10:00' }`. */
  data: Record<string, string>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface UnlimitedQrCodeInput {
  scene: string;
  page?: string;
  width?: number;
  /** WeChat refuses unpublished pages unless this is false. */
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
}

/** What an `UpstreamError` from this client carries in `cause`: enough for logs, never a secret or token. */
export interface WechatFailure {
  api: string;
  errcode?: number;
  errmsg?: string;
  status?: number;
  reason?: string;
}

export type WechatClient = ReturnType<typeof createWechatClient>;

const DEFAULT_TIMEOUT_MS = 5000;
/** Refresh this long before WeChat's stated expiry, so a token never dies mid-request. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
const LOGIN_CODE_ERRORS = new Set([40029, 40163, 40226]);
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
const INVALID_APP_SECRET = 40125;
const DAILY_QUOTA = 45009;
const MINUTE_QUOTA = 45011;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The WeChat failure an error from this client carries, or undefined for any other error. */
export function wechatFailureOf(error: unknown): WechatFailure | undefined {
  if (!(error instanceof UpstreamError)) return undefined;
  const cause: unknown = error.cause;
  if (typeof cause !== 'object' || cause === null || typeof (cause as { api?: unknown }).api !== 'string') {
    return undefined;
  }
  const { api, errcode, errmsg, status, reason } = cause as Record<string, unknown>;
  return {
    api: api as string,
    ...(typeof errcode === 'number' ? { errcode } : {}),
    ...(typeof errmsg === 'string' ? { errmsg } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}

/**
 * Log fields for an upstream failure: the WeChat failure's fields, or the
 * cause's name and message when it is another error. Never `String(cause)`.
 */
export function upstreamLogFields(error: unknown): Record<string, string | number> {
  const code: Record<string, string> = error instanceof AppError ? { code: error.code } : {};
  const failure = wechatFailureOf(error);
  if (failure) return { ...code, ...failure };
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return { ...code, causeName: cause.name, causeMessage: cause.message };
  if (cause !== undefined && cause !== null) return { ...code, causeType: typeof cause };
  return code;
}

/** The next 00:00 in Asia/Shanghai (UTC+8, no daylight saving), when WeChat's daily quotas start again. */
export function nextShanghaiMidnight(now: number): number {
  return Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - SHANGHAI_OFFSET_MS;
}

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

export function createWechatClient(cfg: WechatClientConfig) {
  const doFetch = cfg.fetch ?? fetch;
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = cfg.now ?? Date.now;
  const baseUrl = cfg.baseUrl.replace(/\/+$/, '');
  let cached: { token: string; refreshAt: number } | undefined;
  let refreshing: Promise<string> | undefined;
  /** api → until when (epoch ms) WeChat is not called, and the failure given meanwhile. */
  const backoff = new Map<string, { until: number; failure: WechatFailure }>();

  const unavailable = (failure: WechatFailure): UpstreamError => {
    const error = new UpstreamError('WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试');
    error.cause = failure;
    return error;
  };

  const secret = async (api: string, fresh: boolean): Promise<string> => {
    try {
      return await cfg.appSecret(fresh ? { fresh: true } : undefined);
    } catch {
      throw unavailable({ api, reason: 'app secret unavailable' });
    }
  };

  /** 45011: a minute; 45009: until the quota starts again at midnight in Shanghai. */
  const noteQuota = (api: string, reply: WechatReply) => {
    if (reply.errcode !== DAILY_QUOTA && reply.errcode !== MINUTE_QUOTA) return;
    const until = reply.errcode === DAILY_QUOTA ? nextShanghaiMidnight(now()) : now() + 60_000;
    backoff.set(api, { until, failure: { api, errcode: reply.errcode, errmsg: reply.errmsg } });
  };

  /** Inside a quota window the same failure comes back at once, and WeChat is not called. */
  const guard = (api: string) => {
    const waiting = backoff.get(api);
    if (waiting && now() < waiting.until) throw unavailable({ ...waiting.failure });
    if (waiting) backoff.delete(api);
  };

  /** One HTTP exchange; JSON replies are parsed, images come back as bytes. */
  const request = async (api: string, path: string, init: RequestInit = {}): Promise<WechatReply | Buffer> => {
    guard(api);
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw unavailable({ api, reason: describeFetchError(error) });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw unavailable({ api, status: response.status });
    }
    let reply: WechatReply | Buffer;
    try {
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType.startsWith('image/')) return Buffer.from(await response.arrayBuffer());
      const parsed: unknown = JSON.parse(await response.text());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw unavailable({ api, reason: 'reply is not a JSON object' });
      }
      reply = parsed as WechatReply;
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      throw unavailable({ api, reason: describeFetchError(error) });
    }
    noteQuota(api, reply);
    return reply;
  };

  const jsonRequest = async (api: string, path: string, init?: RequestInit): Promise<WechatReply> => {
    const reply = await request(api, path, init);
    if (Buffer.isBuffer(reply)) throw unavailable({ api, reason: 'unexpected image reply' });
    return reply;
  };

  const failed = (reply: WechatReply): boolean => typeof reply.errcode === 'number' && reply.errcode !== 0;

  /** A credentials call (the secret in it); 40125 re-reads the secret past any cache and tries once more. */
  const withSecret = async (api: string, call: (secret: string) => Promise<WechatReply>): Promise<WechatReply> => {
    const reply = await call(await secret(api, false));
    if (reply.errcode !== INVALID_APP_SECRET) return reply;
    return call(await secret(api, true));
  };

  const stableToken = (forceRefresh: boolean) =>
    withSecret('stable_token', (appSecret) =>
      jsonRequest('stable_token', '/cgi-bin/stable_token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credential',
          appid: cfg.appId,
          secret: appSecret,
          ...(forceRefresh ? { force_refresh: true } : {}),
        }),
      }),
    );

  /**
   * A token from stable_token. After WeChat refused `rejected`, a stable token
   * that comes back the same is force-refreshed (force_refresh is rationed by
   * WeChat, so it is only used when the plain call cannot help).
   */
  const fetchToken = async (rejected?: string): Promise<string> => {
    let reply = await stableToken(false);
    if (!failed(reply) && rejected !== undefined && reply.access_token === rejected) reply = await stableToken(true);
    if (failed(reply) || typeof reply.access_token !== 'string' || typeof reply.expires_in !== 'number') {
      throw unavailable({ api: 'stable_token', errcode: reply.errcode, errmsg: reply.errmsg });
    }
    const lifetimeMs = reply.expires_in * 1000;
    // A stable token handed out near its end still gets cached for half of what is left, not re-asked every call.
    cached = {
      token: reply.access_token,
      refreshAt: Date.now() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2),
    };
    return reply.access_token;
  };

  const tokenFor = async (rejected?: string): Promise<string> => {
    if (rejected === undefined && cached && Date.now() < cached.refreshAt) return cached.token;
    // One refresh in flight: concurrent callers share it instead of each burning a token request.
    refreshing ??= fetchToken(rejected).finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  const getAccessToken = (): Promise<string> => tokenFor();

  /** Calls a token-authenticated API; a token WeChat no longer accepts is refreshed once and the call retried. */
  const withToken = async (api: string, path: string, body: unknown): Promise<WechatReply | Buffer> => {
    guard(api);
    let rejected: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const token = await tokenFor(rejected);
      // A form (an image upload) sets its own multipart content type.
      const form = body instanceof FormData;
      const reply = await request(api, `${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: form ? {} : { 'Content-Type': 'application/json' },
        body: form ? body : JSON.stringify(body),
      });
      if (Buffer.isBuffer(reply) || !TOKEN_ERRORS.has(reply.errcode ?? 0) || attempt > 0) return reply;
      if (cached?.token === token) cached = undefined;
      rejected = token;
    }
  };

  const expectOk = (api: string, reply: WechatReply | Buffer): WechatReply => {
    if (Buffer.isBuffer(reply)) throw unavailable({ api, reason: 'unexpected image reply' });
    if (failed(reply)) throw unavailable({ api, errcode: reply.errcode, errmsg: reply.errmsg });
    return reply;
  };

  return {
    /** Exchanges a `wx.login` code for the person's openid (and unionid when the app has one). */
    async code2Session(code: string): Promise<{ openid: string; unionid?: string }> {
      if (code.trim() === '')
        throw new UnauthorizedError('WECHAT_CODE_INVALID', '微信登录凭证无效或已使用，请重新登录');
      const reply = await withSecret('jscode2session', (appSecret) => {
        const query = new URLSearchParams({
          appid: cfg.appId,
          secret: appSecret,
          js_code: code,
          grant_type: 'authorization_code',
        });
        return jsonRequest('jscode2session', `/sns/jscode2session?${query}`);
      });
      if (LOGIN_CODE_ERRORS.has(reply.errcode ?? 0)) {
        throw new UnauthorizedError('WECHAT_CODE_INVALID', '微信登录凭证无效或已使用，请重新登录');
      }
      if (failed(reply) || typeof reply.openid !== 'string' || reply.openid === '') {
        throw unavailable({ api: 'jscode2session', errcode: reply.errcode, errmsg: reply.errmsg });
      }
      return typeof reply.unionid === 'string'
        ? { openid: reply.openid, unionid: reply.unionid }
        : { openid: reply.openid };
    },

    getAccessToken,

    /** Text content check (v2). Scene: 1 profile, 2 comment, 3 forum, 4 social log. */
    async msgSecCheck(i: {
      openid: string;
      content: string;
      scene: 1 | 2 | 3 | 4;
    }): Promise<{ pass: boolean; label?: number }> {
      const reply = await withToken('msg_sec_check', '/wxa/msg_sec_check', {
        content: i.content,
        version: 2,
        scene: i.scene,
        openid: i.openid,
      });
      // 87014 is how the older check says "risky"; treat it the same if WeChat answers that way.
      if (!Buffer.isBuffer(reply) && reply.errcode === 87014) return { pass: false };
      const ok = expectOk('msg_sec_check', reply);
      const result = ok.result as { suggest?: unknown; label?: unknown } | undefined;
      if (typeof result?.suggest !== 'string') throw unavailable({ api: 'msg_sec_check', reason: 'no result' });
      const pass = result.suggest === 'pass';
      return pass || typeof result.label !== 'number' ? { pass } : { pass, label: result.label };
    },

    /**
     * WeChat's asynchronous image/audio check (media_check_async, version 2).
     * The answer only says WeChat took the job; the verdict arrives later as a
     * `wxa_media_check` message push carrying the same trace id.
     */
    async mediaCheckAsync(i: MediaCheckInput): Promise<{ traceId: string }> {
      const reply = expectOk(
        'media_check_async',
        await withToken('media_check_async', '/wxa/media_check_async', {
          media_url: i.mediaUrl,
          media_type: i.mediaType ?? 2,
          version: 2,
          scene: i.scene,
          openid: i.openid,
        }),
      );
      if (typeof reply.trace_id !== 'string' || reply.trace_id === '') {
        throw unavailable({ api: 'media_check_async', reason: 'no trace_id in reply' });
      }
      return { traceId: reply.trace_id };
    },

    /**
     * WeChat's old image check (img_sec_check, 1.0): the file itself, at most
     * 750 × 1334 px and about 1 MB; 87014 means the image is refused. Photos
     * go through `mediaCheckAsync` instead.
     */
    async imgSecCheck(image: Buffer, contentType: string): Promise<{ pass: boolean }> {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(image)], { type: contentType }), 'media');
      const reply = await withToken('img_sec_check', '/wxa/img_sec_check', form);
      if (!Buffer.isBuffer(reply) && reply.errcode === 87014) return { pass: false };
      expectOk('img_sec_check', reply);
      return { pass: true };
    },

    /**
     * Sends one subscription message. A refusal is an `UpstreamError` whose
     * cause has WeChat's errcode: 43101 no consent left, 47003 bad data,
     * 40037 bad template, 40003 bad openid; -1 or no answer is an outage.
     */
    async sendSubscribeMessage(m: SubscribeMessageInput): Promise<void> {
      const data = Object.fromEntries(Object.entries(m.data).map(([key, value]) => [key, { value }]));
      const reply = await withToken('subscribe_send', '/cgi-bin/message/subscribe/send', {
        touser: m.openid,
        template_id: m.templateId,
        page: m.page,
        data,
        miniprogram_state: m.miniprogramState,
        lang: m.lang,
      });
      expectOk('subscribe_send', reply);
    },

    /** A mini-program code (PNG) that opens `page` with `scene` in its query. */
    async getUnlimitedQrCode(i: UnlimitedQrCodeInput): Promise<Buffer> {
      const reply = await withToken('getwxacodeunlimit', '/wxa/getwxacodeunlimit', {
        scene: i.scene,
        page: i.page,
        width: i.width,
        check_path: i.checkPath,
        env_version: i.envVersion,
      });
      if (Buffer.isBuffer(reply)) return reply;
      expectOk('getwxacodeunlimit', reply);
      throw unavailable({ api: 'getwxacodeunlimit', reason: 'no image in reply' });
    },
  };
}

/** A short reason for logs: the error's code or name, never the URL (it carries the secret or token). */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
  const cause = error.cause as { code?: unknown } | undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error.name;
}
