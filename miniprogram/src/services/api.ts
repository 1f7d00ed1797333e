/**
 * THE one place that talks to the network. Every call goes through `request`,
 * which adds the session token, turns error bodies into `ApiError`s and sends
 * a signed-out person back to sign-in on 401.
 */
import type {
  BoardItem,
  Community,
  CommunityList,
  CommunitySettings,
  CommunitySummary,
  CreateUploadBody,
  CsvFile,
  DemandList,
  ErrorBody,
  ErrorDetail,
  FeedbackActionBody,
  FeedbackDetail,
  FeedbackEvent,
  FeedbackQueueQuery,
  FeedbackReport,
  FeedbackStats,
  Household,
  HouseholdStatus,
  MarkReadBody,
  MeExport,
  MeResponse,
  Message,
  MessagePage,
  OfflineFeedbackBody,
  Persona,
  RequestHouseholdBody,
  SessionResponse,
  StaffList,
  SubmitFeedbackBody,
  SubscriptionCounts,
  SubscriptionGrantBody,
  UnreadMessages,
  UpdateSettingsBody,
  UploadTicket,
  UserProfile,
  WorkbenchCounts,
} from '@linli/shared';
import Taro from '@tarojs/taro';
import type * as z from 'zod';
import { hasPrivacyConsent } from './consent';

export type Page<T> = { items: T[]; cursor: string | null };
export type MeExportBody = z.output<typeof MeExport>;
export type {
  Community,
  CommunitySummary,
  CsvFile,
  DemandList,
  FeedbackDetail,
  FeedbackEvent,
  FeedbackReport,
  FeedbackStats,
  Household,
  MeResponse,
  Message,
  MessagePage,
  Persona,
  SubscriptionCounts,
};
/** What a page sends: fields with defaults may be left out. */
export type SubmitFeedbackInput = z.input<typeof SubmitFeedbackBody>;
export type SettingsChange = z.input<typeof UpdateSettingsBody>;
export type Settings = z.output<typeof CommunitySettings>;
export type OfflineFeedbackInput = z.input<typeof OfflineFeedbackBody>;
export type FeedbackActionInput = z.input<typeof FeedbackActionBody>;
export type FeedbackQueueFilter = Omit<z.input<typeof FeedbackQueueQuery>, 'cursor' | 'limit'>;
export type BoardEntry = z.output<typeof BoardItem>;
export type StaffMember = z.output<typeof StaffList>['items'][number];
export type PhotoPurpose = CreateUploadBody['purpose'];

/** A photo picked on the device, before it is uploaded. */
export interface LocalPhoto {
  /** weapp: a temp file path; H5: a blob: URL. */
  path: string;
  size: number;
  contentType: CreateUploadBody['contentType'];
}

/** An error the person can read: `message` is Chinese, `fields` name what to fix. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: ErrorDetail[];
  readonly requestId: string | undefined;
  /** The server's own sentence about the whole request ("内容未通过安全检查…"), beside the per-field details. */
  readonly summary: string;
  constructor(
    status: number,
    code: string,
    message: string,
    fields: ErrorDetail[] = [],
    requestId?: string,
    summary = message,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
    this.summary = summary;
  }

  /** The message for one form field (`room` matches `body.room`), if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field || f.field.endsWith(`.${field}`))?.message;
  }
}

/** Anything thrown on the way (network, parse, bug) as something a page can show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'CLIENT_ERROR', '操作没有成功，请稍后再试');
}

// ---------------------------------------------------------------- session

export interface Session {
  token: string;
  expiresAt: string;
  user: UserProfile;
  /** The demo persona this session signed in as (local stack only); WeChat's stand-in plays that person. */
  persona?: string;
}

const SESSION_KEY = 'linli.session';
const sessionListeners = new Set<() => void>();
let cachedSession: Session | null | undefined;

export function getSession(): Session | null {
  if (cachedSession === undefined) {
    const stored = Taro.getStorageSync(SESSION_KEY) as Session | '' | undefined;
    cachedSession = stored && typeof stored === 'object' && stored.token ? stored : null;
  }
  if (cachedSession && Date.parse(cachedSession.expiresAt) <= Date.now()) setSession(null);
  return cachedSession ?? null;
}

function setSession(session: Session | null): void {
  cachedSession = session;
  if (session) Taro.setStorageSync(SESSION_KEY, session);
  else Taro.removeStorageSync(SESSION_KEY);
  for (const listener of sessionListeners) listener();
}

export function onSessionChange(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export function signOut(): void {
  setSession(null);
}

const expiredListeners = new Set<() => void>();

/** A token the server no longer accepts: the app sends the person back to sign-in. */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

// ---------------------------------------------------------------- transport

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | undefined>;
  idempotencyKey?: string;
  /** Public routes (sign-in) send no token and a 401 there is not "session expired". */
  anonymous?: boolean;
  /** CSV downloads: keep the body as text instead of parsing JSON. */
  text?: boolean;
}

const NETWORK_ERROR = '网络连接不上，请检查网络后再试';

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  return (await send(method, path, options)).data as T;
}

/** How often a 503 BUSY is tried again (with the same Idempotency-Key, so it is one effect) before 系统繁忙 shows. */
const BUSY_RETRIES = 2;

/** The whole response (body and headers) of a successful call; failures throw `ApiError`. */
async function send(
  method: Method,
  path: string,
  options: RequestOptions,
  attempt = 0,
): Promise<{ data: unknown; header: Record<string, string> }> {
  const header: Record<string, string> = { Accept: options.text ? 'text/csv, application/json' : 'application/json' };
  if (options.body !== undefined) header['Content-Type'] = 'application/json';
  if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;
  const session = options.anonymous ? null : getSession();
  if (session) header.Authorization = `Bearer ${session.token}`;

  let response: Taro.request.SuccessCallbackResult;
  try {
    response = await Taro.request({
      url: `${LINLI_API_BASE}${path}${queryString(options.query)}`,
      method,
      header,
      data: options.body,
      dataType: options.text ? 'text' : 'json',
      responseType: 'text',
      timeout: 15_000,
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR);
  }

  const { statusCode } = response;
  if (statusCode >= 200 && statusCode < 300)
    return { data: statusCode === 204 ? undefined : response.data, header: response.header ?? {} };

  const body = parseBody(response.data) as Partial<ErrorBody> | undefined;
  const error = body?.error;
  if (statusCode === 503 && error?.code === 'BUSY' && attempt < BUSY_RETRIES) {
    const wait = Number(response.header?.['Retry-After'] ?? response.header?.['retry-after'] ?? 1);
    await new Promise((resolve) => setTimeout(resolve, Math.min(5, Math.max(1, wait || 1)) * 1000));
    return send(method, path, options, attempt + 1);
  }
  const details = error?.details ?? [];
  // A validation message starts with the field's code name ("room：…"); the details say it in plain Chinese.
  const summary = error?.message ?? (statusCode >= 500 ? '服务暂时不可用，请稍后再试' : '请求没有成功，请稍后再试');
  const message = details.length > 0 ? details.map((d) => d.message).join('；') : summary;
  const apiError = new ApiError(
    statusCode,
    error?.code ?? `HTTP_${statusCode}`,
    message,
    details,
    error?.requestId,
    summary,
  );
  if (statusCode === 401 && !options.anonymous) {
    setSession(null);
    for (const listener of expiredListeners) listener();
  }
  throw apiError;
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function queryString(query: Record<string, string | undefined> | undefined): string {
  const parts = Object.entries(query ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fresh key per intent (one form submission); keep it for retries of that
 * intent so a double tap or a resend has exactly one effect.
 */
export function newIdempotencyKey(): string {
  let key = Date.now().toString(36);
  while (key.length < 32) key += KEY_ALPHABET.charAt(Math.floor(Math.random() * KEY_ALPHABET.length));
  return key;
}

// ---------------------------------------------------------------- endpoints

function requireConsent(): void {
  if (!hasPrivacyConsent())
    throw new ApiError(0, 'PRIVACY_CONSENT_REQUIRED', '请先阅读并同意《隐私保护指引》，再登录使用');
}

async function startSession(response: SessionResponse, persona?: string): Promise<Session> {
  const session: Session = { token: response.token, expiresAt: response.expiresAt, user: response.user };
  if (persona) session.persona = persona;
  setSession(session);
  return session;
}

const community = (communityId: string) => `/v1/communities/${encodeURIComponent(communityId)}`;
const feedback = (communityId: string, reportId?: string) =>
  `${community(communityId)}/feedback${reportId ? `/${encodeURIComponent(reportId)}` : ''}`;

/** A CSV download as text, named the way the server named it. */
async function csv(path: string, query: Record<string, string | undefined>, fallbackName: string): Promise<CsvFile> {
  const { data, header } = await send('GET', path, { query, text: true });
  const disposition = Object.entries(header).find(([k]) => k.toLowerCase() === 'content-disposition')?.[1] ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  let filename = fallbackName;
  try {
    if (encoded) filename = decodeURIComponent(encoded);
  } catch {
    // A malformed header keeps our own name.
  }
  return { filename, csv: typeof data === 'string' ? data : '' };
}

const UPLOAD_FAILED = '照片上传没有成功，请重试';

/**
 * One photo straight to the photo store: a ticket from the API, then a
 * multipart POST of the ticket's fields and the file (last, as `file`).
 */
async function uploadPhoto(
  communityId: string,
  purpose: PhotoPurpose,
  photo: LocalPhoto,
  onProgress: (percent: number) => void,
): Promise<string> {
  const ticket = await request<UploadTicket>('POST', '/v1/uploads', {
    body: { communityId, purpose, contentType: photo.contentType, size: photo.size },
  });
  let result: Taro.uploadFile.SuccessCallbackResult;
  try {
    const task = Taro.uploadFile({
      url: ticket.url,
      filePath: photo.path,
      name: 'file',
      formData: ticket.fields,
      timeout: 60_000,
      // The photo store answers CORS with `*`, which a credentialed request may not use.
      withCredentials: false,
    });
    task.progress((p) => onProgress(p.progress));
    result = await task;
  } catch {
    throw new ApiError(0, 'UPLOAD_FAILED', UPLOAD_FAILED);
  }
  if (result.statusCode < 200 || result.statusCode >= 300)
    throw new ApiError(result.statusCode, 'UPLOAD_FAILED', UPLOAD_FAILED);
  onProgress(100);
  return ticket.key;
}

export const api = {
  /** Local stage only: the demo people one can be. Compiled out unless LINLI_DEV_SIGNIN. */
  async personas(): Promise<Persona[]> {
    if (!LINLI_DEV_SIGNIN) throw new ApiError(404, 'NOT_FOUND', '此版本不支持这种登录方式');
    const res = await request<{ personas: Persona[] }>('GET', '/v1/auth/dev/personas', { anonymous: true });
    return res.personas;
  },

  async signInAsPersona(persona: string): Promise<Session> {
    if (!LINLI_DEV_SIGNIN) throw new ApiError(404, 'NOT_FOUND', '此版本不支持这种登录方式');
    requireConsent();
    const res = await request<SessionResponse>('POST', '/v1/auth/dev', { body: { persona }, anonymous: true });
    return startSession(res, persona);
  },

  async signInWithWechat(): Promise<Session> {
    requireConsent();
    let code: string;
    try {
      ({ code } = await Taro.login());
    } catch {
      throw new ApiError(0, 'WECHAT_LOGIN_FAILED', '微信登录没有成功，请稍后再试');
    }
    const res = await request<SessionResponse>('POST', '/v1/auth/wechat', { body: { code }, anonymous: true });
    return startSession(res);
  },

  me: () => request<MeResponse>('GET', '/v1/me'),
  exportMe: () => request<MeExportBody>('GET', '/v1/me/export'),
  /** 消息: my messages a page at a time, newest first, with how many are unread in all. */
  messages: (cursor?: string | null, limit?: number) =>
    request<MessagePage>('GET', '/v1/me/messages', {
      query: { cursor: cursor ?? undefined, limit: limit === undefined ? undefined : String(limit) },
    }),
  /** Marks some messages (`{ ids }`) or every one (`{ all: true }`) read; answers how many are still unread. */
  markMessagesRead: (body: MarkReadBody) => request<UnreadMessages>('POST', '/v1/me/messages/read', { body }),
  /** How many messages of each subscription template the server may still send me. */
  subscriptions: () => request<SubscriptionCounts>('GET', '/v1/me/subscriptions'),
  /** Reports the templates I just accepted in WeChat's dialog (each accept is one more message); answers the counts. */
  grantSubscriptions: (body: SubscriptionGrantBody) =>
    request<SubscriptionCounts>('POST', '/v1/me/subscriptions', { body }),
  /**
   * H5 on the local stack only: the WeChat stand-in answers for the demo persona as
   * `wx.requestSubscribeMessage` would (`{ errMsg, [tmplId]: 'accept' | … }`). Elsewhere it fails.
   */
  standInSubscribe: (persona: string, tmplIds: string[]) =>
    request<unknown>('POST', '/__stand-in/wechat/subscribe', { body: { persona, tmplIds }, anonymous: true }),
  async deleteMe(): Promise<void> {
    await request<void>('DELETE', '/v1/me');
    setSession(null);
  },

  communities: (cursor?: string | null) =>
    request<z.output<typeof CommunityList>>('GET', '/v1/communities', { query: { cursor: cursor ?? undefined } }),
  community: (communityId: string) => request<Community>('GET', community(communityId)),
  /** One section of the settings, with the version it was read at (a stale one is a 409). */
  updateSettings: (communityId: string, change: SettingsChange) =>
    request<Settings>('PUT', `${community(communityId)}/settings`, { body: change }),

  requestHousehold: (communityId: string, body: RequestHouseholdBody, idempotencyKey: string) =>
    request<Household>('POST', `${community(communityId)}/households`, { body, idempotencyKey }),
  households: (communityId: string, status: HouseholdStatus, cursor?: string | null) =>
    request<Page<Household>>('GET', `${community(communityId)}/households`, {
      query: { status, cursor: cursor ?? undefined },
    }),
  /** The approved homes of one building, by unit and room. */
  homesOfBuilding: (communityId: string, buildingId: string, cursor?: string | null) =>
    request<Page<Household>>('GET', `${community(communityId)}/households`, {
      query: { status: 'approved', buildingId, limit: '100', cursor: cursor ?? undefined },
    }),
  approveHousehold: (communityId: string, householdId: string) =>
    request<Household>('POST', `${community(communityId)}/households/${encodeURIComponent(householdId)}/approve`),
  rejectHousehold: (communityId: string, householdId: string, reason: string) =>
    request<Household>('POST', `${community(communityId)}/households/${encodeURIComponent(householdId)}/reject`, {
      body: { reason },
    }),

  /** How much work waits for each of my duties in the community (工作台). */
  workbenchCounts: (communityId: string) => request<WorkbenchCounts>('GET', `${community(communityId)}/workbench`),

  uploadPhoto,

  // ------------------------------------------------------------ feedback box

  submitFeedback: (communityId: string, body: SubmitFeedbackInput, idempotencyKey: string) =>
    request<FeedbackReport>('POST', feedback(communityId), { body, idempotencyKey }),
  enterOfflineFeedback: (communityId: string, body: OfflineFeedbackInput, idempotencyKey: string) =>
    request<FeedbackReport>('POST', `${feedback(communityId)}/offline`, { body, idempotencyKey }),
  myFeedback: (communityId: string, cursor?: string | null) =>
    request<Page<FeedbackReport>>('GET', `${feedback(communityId)}/mine`, {
      query: { cursor: cursor ?? undefined },
    }),
  similarFeedback: (communityId: string, buildingId: string, category: string) =>
    request<{ items: FeedbackReport[] }>('GET', `${feedback(communityId)}/similar`, {
      query: { buildingId, category },
    }),
  feedbackBoard: (communityId: string, cursor?: string | null) =>
    request<Page<BoardEntry>>('GET', `${feedback(communityId)}/board`, { query: { cursor: cursor ?? undefined } }),
  feedbackQueue: (communityId: string, filter: FeedbackQueueFilter, cursor?: string | null) =>
    request<Page<FeedbackReport>>('GET', feedback(communityId), {
      query: { ...filter, cursor: cursor ?? undefined },
    }),
  feedbackDetail: (communityId: string, reportId: string) =>
    request<FeedbackDetail>('GET', feedback(communityId, reportId)),
  actOnFeedback: (communityId: string, reportId: string, body: FeedbackActionInput, idempotencyKey: string) =>
    request<FeedbackDetail>('POST', `${feedback(communityId, reportId)}/events`, { body, idempotencyKey }),
  async staff(communityId: string): Promise<StaffMember[]> {
    return (await request<{ items: StaffMember[] }>('GET', `${community(communityId)}/staff`)).items;
  },

  feedbackStats: (communityId: string, from: string, to: string) =>
    request<FeedbackStats>('GET', `${community(communityId)}/stats/feedback`, { query: { from, to } }),
  feedbackStatsCsv: (communityId: string, from: string, to: string) =>
    csv(`${community(communityId)}/stats/feedback.csv`, { from, to }, `意见箱统计-${from}-${to}.csv`),
  demand: (communityId: string, days = 90) =>
    request<DemandList>('GET', `${community(communityId)}/stats/demand`, { query: { days: String(days) } }),
  demandCsv: (communityId: string, days = 90) =>
    csv(`${community(communityId)}/stats/demand.csv`, { days: String(days) }, `议事清单-近${days}天.csv`),
};

/** The transport for other services modules (services/points.ts): same token, errors and Idempotency-Key. */
export { csv as apiCsv, request as apiRequest };
