/**
 * THE one place that talks to the network. Every call goes through `call`, typed
 * from the route table (types only: no schema reaches the bundle), over `send`,
 * which adds the session token, turns error bodies into `ApiError`s, sends a
 * signed-out person back to sign-in on 401 and retries a 503 BUSY.
 */

import type { routes } from '@linli/functions/routes';
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
  FollowUpBody,
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
  Unit,
  UnreadMessages,
  UpdateSettingsBody,
  UserProfile,
  WorkbenchCounts,
} from '@linli/shared';
import { type ClientRequest, createClient } from '@linli/shared/client';
import Taro from '@tarojs/taro';
import type * as z from 'zod';
import { hasPrivacyConsent } from './consent';

export type Page<T> = { items: T[]; cursor: string | null };
/** Where a report is worked from when not from inside its community: a unit's queue or the street's desk. */
export type Desk = { unitId: string } | { streetId: string };
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
  Unit,
};
/** What a page sends: fields with defaults may be left out. */
export type SubmitFeedbackInput = z.input<typeof SubmitFeedbackBody>;
export type SettingsChange = z.input<typeof UpdateSettingsBody>;
export type Settings = z.output<typeof CommunitySettings>;
export type OfflineFeedbackInput = z.input<typeof OfflineFeedbackBody>;
export type FeedbackActionInput = z.input<typeof FeedbackActionBody>;
export type FollowUpInput = z.input<typeof FollowUpBody>;
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

interface TransportOptions {
  /** Public routes (sign-in) send no token and a 401 there is not "session expired". */
  anonymous?: boolean;
}

const NETWORK_ERROR = '网络连接不上，请检查网络后再试';

/** How often a 503 BUSY is tried again (with the same Idempotency-Key, so it is one effect) before 系统繁忙 shows. */
const BUSY_RETRIES = 2;

/**
 * The typed client over the route table: `call('GET /v1/me')` answers the route's
 * response type. Failures throw `ApiError`.
 */
export const call = createClient<typeof routes, TransportOptions>((request, { anonymous }) =>
  send(request, anonymous ?? false),
);

/** What `send` takes: a route's request, or one outside the route table (the local WeChat stand-in). */
type RawRequest = Omit<ClientRequest, 'key'>;

/** One request with the session token; a CSV download comes back as a `CsvFile` named by the server. */
async function send(request: RawRequest, anonymous: boolean, attempt = 0): Promise<unknown> {
  const text = request.accept !== undefined;
  const header: Record<string, string> = { Accept: text ? `${request.accept}, application/json` : 'application/json' };
  if (request.body !== undefined) header['Content-Type'] = 'application/json';
  if (request.idempotencyKey) header['Idempotency-Key'] = request.idempotencyKey;
  const session = anonymous ? null : getSession();
  if (session) header.Authorization = `Bearer ${session.token}`;

  let response: Taro.request.SuccessCallbackResult;
  try {
    response = await Taro.request({
      url: `${LINLI_API_BASE}${request.path}`,
      method: request.method,
      header,
      data: request.body,
      dataType: text ? 'text' : 'json',
      responseType: 'text',
      timeout: 15_000,
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR);
  }

  const { statusCode } = response;
  if (statusCode >= 200 && statusCode < 300) {
    if (statusCode === 204) return undefined;
    if (request.accept === 'text/csv') return csvFile(response.data, response.header ?? {});
    return response.data;
  }

  const body = parseBody(response.data) as Partial<ErrorBody> | undefined;
  const error = body?.error;
  if (statusCode === 503 && error?.code === 'BUSY' && attempt < BUSY_RETRIES) {
    const wait = Number(response.header?.['Retry-After'] ?? response.header?.['retry-after'] ?? 1);
    await new Promise((resolve) => setTimeout(resolve, Math.min(5, Math.max(1, wait || 1)) * 1000));
    return send(request, anonymous, attempt + 1);
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
  if (statusCode === 401 && !anonymous) {
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

/** A CSV download as text, with the name the server gave it ('' when it gave none). */
function csvFile(data: unknown, header: Record<string, string>): CsvFile {
  const disposition = Object.entries(header).find(([k]) => k.toLowerCase() === 'content-disposition')?.[1] ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  let filename = '';
  try {
    if (encoded) filename = decodeURIComponent(encoded);
  } catch {
    // A malformed header leaves the naming to the caller (`named`).
  }
  return { filename, csv: typeof data === 'string' ? data : '' };
}

/** A download keeps the server's name, or ours when the server gave none. */
export const named = (file: CsvFile, fallbackName: string): CsvFile =>
  file.filename ? file : { ...file, filename: fallbackName };

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
  const ticket = await call('POST /v1/uploads', {
    body: { communityId, purpose, contentType: photo.contentType, size: photo.size },
  });
  return sendToStore(ticket, photo, onProgress);
}

/** One picture of a street bulletin, under the street (street admins): the communities' copies show it. */
async function uploadStreetPhoto(
  streetId: string,
  photo: LocalPhoto,
  onProgress: (percent: number) => void,
): Promise<string> {
  const ticket = await call('POST /v1/streets/{streetId}/uploads', {
    params: { streetId },
    body: { contentType: photo.contentType, size: photo.size },
  });
  return sendToStore(ticket, photo, onProgress);
}

async function sendToStore(
  ticket: { key: string; url: string; fields: Record<string, string> },
  photo: LocalPhoto,
  onProgress: (percent: number) => void,
): Promise<string> {
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
    const res = await call('GET /v1/auth/dev/personas', { anonymous: true });
    return res.personas;
  },

  async signInAsPersona(persona: string): Promise<Session> {
    if (!LINLI_DEV_SIGNIN) throw new ApiError(404, 'NOT_FOUND', '此版本不支持这种登录方式');
    requireConsent();
    const res = await call('POST /v1/auth/dev', { body: { persona }, anonymous: true });
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
    const res = await call('POST /v1/auth/wechat', { body: { code }, anonymous: true });
    return startSession(res);
  },

  me: (): Promise<MeResponse> => call('GET /v1/me'),
  exportMe: (): Promise<MeExportBody> => call('GET /v1/me/export'),
  /** 消息: my messages a page at a time, newest first, with how many are unread in all. */
  messages: (cursor?: string | null, limit?: number): Promise<MessagePage> =>
    call('GET /v1/me/messages', { query: { cursor: cursor ?? undefined, limit } }),
  /** Marks some messages (`{ ids }`) or every one (`{ all: true }`) read; answers how many are still unread. */
  markMessagesRead: (body: MarkReadBody): Promise<UnreadMessages> => call('POST /v1/me/messages/read', { body }),
  /** How many messages of each subscription template the server may still send me. */
  subscriptions: (): Promise<SubscriptionCounts> => call('GET /v1/me/subscriptions'),
  /** Reports the templates I just accepted in WeChat's dialog (each accept is one more message); answers the counts. */
  grantSubscriptions: (body: SubscriptionGrantBody): Promise<SubscriptionCounts> =>
    call('POST /v1/me/subscriptions', { body }),
  /**
   * H5 on the local stack only: the WeChat stand-in answers for the demo persona as
   * `wx.requestSubscribeMessage` would (`{ errMsg, [tmplId]: 'accept' | … }`). Elsewhere it fails.
   */
  standInSubscribe: (persona: string, tmplIds: string[]): Promise<unknown> =>
    send({ method: 'POST', path: '/__stand-in/wechat/subscribe', body: { persona, tmplIds } }, true),
  async deleteMe(): Promise<void> {
    await call('DELETE /v1/me');
    setSession(null);
  },

  communities: (cursor?: string | null): Promise<z.output<typeof CommunityList>> =>
    call('GET /v1/communities', { query: { cursor: cursor ?? undefined } }),
  community: (communityId: string): Promise<Community> =>
    call('GET /v1/communities/{communityId}', { params: { communityId } }),
  /** One section of the settings, with the version it was read at (a stale one is a 409). */
  updateSettings: (communityId: string, change: SettingsChange): Promise<Settings> =>
    call('PUT /v1/communities/{communityId}/settings', { params: { communityId }, body: change }),

  requestHousehold: (communityId: string, body: RequestHouseholdBody, idempotencyKey: string): Promise<Household> =>
    call('POST /v1/communities/{communityId}/households', { params: { communityId }, body, idempotencyKey }),
  households: (communityId: string, status: HouseholdStatus, cursor?: string | null): Promise<Page<Household>> =>
    call('GET /v1/communities/{communityId}/households', {
      params: { communityId },
      query: { status, cursor: cursor ?? undefined },
    }),
  /** The approved homes of one building, by unit and room. */
  homesOfBuilding: (communityId: string, buildingId: string, cursor?: string | null): Promise<Page<Household>> =>
    call('GET /v1/communities/{communityId}/households', {
      params: { communityId },
      query: { status: 'approved', buildingId, limit: 100, cursor: cursor ?? undefined },
    }),
  approveHousehold: (communityId: string, householdId: string): Promise<Household> =>
    call('POST /v1/communities/{communityId}/households/{householdId}/approve', {
      params: { communityId, householdId },
    }),
  rejectHousehold: (communityId: string, householdId: string, reason: string): Promise<Household> =>
    call('POST /v1/communities/{communityId}/households/{householdId}/reject', {
      params: { communityId, householdId },
      body: { reason },
    }),

  /** How much work waits for each of my duties in the community (工作台). */
  workbenchCounts: (communityId: string): Promise<WorkbenchCounts> =>
    call('GET /v1/communities/{communityId}/workbench', { params: { communityId } }),

  uploadPhoto,
  uploadStreetPhoto,

  // ------------------------------------------------------------ feedback box

  submitFeedback: (communityId: string, body: SubmitFeedbackInput, idempotencyKey: string): Promise<FeedbackReport> =>
    call('POST /v1/communities/{communityId}/feedback', { params: { communityId }, body, idempotencyKey }),
  enterOfflineFeedback: (
    communityId: string,
    body: OfflineFeedbackInput,
    idempotencyKey: string,
  ): Promise<FeedbackReport> =>
    call('POST /v1/communities/{communityId}/feedback/offline', { params: { communityId }, body, idempotencyKey }),
  myFeedback: (communityId: string, cursor?: string | null): Promise<Page<FeedbackReport>> =>
    call('GET /v1/communities/{communityId}/feedback/mine', {
      params: { communityId },
      query: { cursor: cursor ?? undefined },
    }),
  similarFeedback: (communityId: string, buildingId: string, category: string): Promise<{ items: FeedbackReport[] }> =>
    call('GET /v1/communities/{communityId}/feedback/similar', {
      params: { communityId },
      query: { buildingId, category },
    }),
  feedbackBoard: (communityId: string, cursor?: string | null): Promise<Page<BoardEntry>> =>
    call('GET /v1/communities/{communityId}/feedback/board', {
      params: { communityId },
      query: { cursor: cursor ?? undefined },
    }),
  feedbackQueue: (
    communityId: string,
    filter: FeedbackQueueFilter,
    cursor?: string | null,
  ): Promise<Page<FeedbackReport>> =>
    call('GET /v1/communities/{communityId}/feedback', {
      params: { communityId },
      query: { ...filter, cursor: cursor ?? undefined },
    }),
  /** A report as the community's people see it, or (`desk`) as a unit or the street office works it. */
  feedbackDetail: (communityId: string, reportId: string, desk?: Desk): Promise<FeedbackDetail> =>
    !desk
      ? call('GET /v1/communities/{communityId}/feedback/{reportId}', { params: { communityId, reportId } })
      : 'unitId' in desk
        ? call('GET /v1/units/{unitId}/feedback/{communityId}/{reportId}', {
            params: { unitId: desk.unitId, communityId, reportId },
          })
        : call('GET /v1/streets/{streetId}/feedback/{communityId}/{reportId}', {
            params: { streetId: desk.streetId, communityId, reportId },
          }),
  actOnFeedback: (
    communityId: string,
    reportId: string,
    body: FeedbackActionInput,
    idempotencyKey: string,
    desk?: Desk,
  ): Promise<FeedbackDetail> =>
    !desk
      ? call('POST /v1/communities/{communityId}/feedback/{reportId}/events', {
          params: { communityId, reportId },
          body,
          idempotencyKey,
        })
      : 'unitId' in desk
        ? call('POST /v1/units/{unitId}/feedback/{communityId}/{reportId}/events', {
            params: { unitId: desk.unitId, communityId, reportId },
            body,
            idempotencyKey,
          })
        : call('POST /v1/streets/{streetId}/feedback/{communityId}/{reportId}/events', {
            params: { streetId: desk.streetId, communityId, reportId },
            body,
            idempotencyKey,
          }),
  /** The units a report can go to: those serving the community, or (the street's desk) the street's that serve it. */
  async unitsFor(communityId: string, desk?: Desk): Promise<Unit[]> {
    const { items } =
      desk && 'streetId' in desk
        ? await call('GET /v1/streets/{streetId}/units', { params: { streetId: desk.streetId } })
        : await call('GET /v1/communities/{communityId}/units', { params: { communityId } });
    return items.filter((u) => u.communities.some((c) => c.communityId === communityId));
  },
  unit: (unitId: string): Promise<Unit> => call('GET /v1/units/{unitId}', { params: { unitId } }),
  unitQueue: (unitId: string, status: 'open' | 'done', cursor?: string | null): Promise<Page<FeedbackReport>> =>
    call('GET /v1/units/{unitId}/feedback', { params: { unitId }, query: { status, cursor: cursor ?? undefined } }),
  streetEscalations: (streetId: string, cursor?: string | null): Promise<Page<FeedbackReport>> =>
    call('GET /v1/streets/{streetId}/escalations', { params: { streetId }, query: { cursor: cursor ?? undefined } }),
  recordFollowUp: (
    communityId: string,
    reportId: string,
    body: FollowUpInput,
    idempotencyKey: string,
  ): Promise<FeedbackDetail> =>
    call('POST /v1/communities/{communityId}/feedback/{reportId}/follow-ups', {
      params: { communityId, reportId },
      body,
      idempotencyKey,
    }),
  async staff(communityId: string): Promise<StaffMember[]> {
    return (await call('GET /v1/communities/{communityId}/staff', { params: { communityId } })).items;
  },

  feedbackStats: (communityId: string, from: string, to: string): Promise<FeedbackStats> =>
    call('GET /v1/communities/{communityId}/stats/feedback', { params: { communityId }, query: { from, to } }),
  feedbackStatsCsv: async (communityId: string, from: string, to: string): Promise<CsvFile> =>
    named(
      await call('GET /v1/communities/{communityId}/stats/feedback.csv', {
        params: { communityId },
        query: { from, to },
        accept: 'text/csv',
      }),
      `意见箱统计-${from}-${to}.csv`,
    ),
  demand: (communityId: string, days = 90): Promise<DemandList> =>
    call('GET /v1/communities/{communityId}/stats/demand', { params: { communityId }, query: { days } }),
  demandCsv: async (communityId: string, days = 90): Promise<CsvFile> =>
    named(
      await call('GET /v1/communities/{communityId}/stats/demand.csv', {
        params: { communityId },
        query: { days },
        accept: 'text/csv',
      }),
      `议事清单-近${days}天.csv`,
    ),
};
