/**
 * Bulletins (社区公告 / 睦邻服务报): the feed, a bulletin, read receipts,
 * newsletter issues and the editors' calls, on the transport of services/api.ts.
 */
import type {
  Bulletin,
  BulletinBody,
  BulletinReads,
  FeedItem,
  ManageQuery,
  Newsletter,
  NewsletterBody,
  NewsletterList,
  ReadReceipt,
  UnreadCount,
} from '@linli/shared';
import type { BulletinKind, BulletinStatus } from '@linli/shared/rules';
import type * as z from 'zod';
import { apiCsv, apiRequest, type CsvFile, type Page } from './api';

export type { Bulletin };
export type FeedEntry = z.output<typeof FeedItem>;
export type BulletinFigures = z.output<typeof BulletinReads>;
export type NewsletterIssue = z.output<typeof Newsletter>;
export type NewsletterSummary = z.output<typeof NewsletterList>['items'][number];
export type Unread = z.output<typeof UnreadCount>;
export type Receipt = z.output<typeof ReadReceipt>;
/** What the editor sends: fields with defaults may be left out. */
export type BulletinInput = z.input<typeof BulletinBody>;
export type ManageStatus = z.input<typeof ManageQuery>['status'] & BulletinStatus;

const community = (communityId: string) => `/v1/communities/${encodeURIComponent(communityId)}`;
const bulletin = (communityId: string, bulletinId?: string) =>
  `${community(communityId)}/bulletins${bulletinId ? `/${encodeURIComponent(bulletinId)}` : ''}`;

export const bulletinsApi = {
  feed: (communityId: string, kind: BulletinKind | undefined, cursor?: string | null, limit = 10) =>
    apiRequest<Page<FeedEntry>>('GET', bulletin(communityId), {
      query: { kind, cursor: cursor ?? undefined, limit: String(limit) },
    }),
  unread: (communityId: string) => apiRequest<Unread>('GET', `${bulletin(communityId)}/unread`),
  get: (communityId: string, bulletinId: string) => apiRequest<Bulletin>('GET', bulletin(communityId, bulletinId)),
  /** Idempotent: a second call only answers `first: false`. */
  markRead: (communityId: string, bulletinId: string) =>
    apiRequest<Receipt>('POST', `${bulletin(communityId, bulletinId)}/read`),

  newsletters: (communityId: string) =>
    apiRequest<z.output<typeof NewsletterList>>('GET', `${community(communityId)}/newsletters`),
  createNewsletter: (communityId: string, body: z.input<typeof NewsletterBody>) =>
    apiRequest<NewsletterIssue>('POST', `${community(communityId)}/newsletters`, { body }),
  newsletter: (communityId: string, issueId: string) =>
    apiRequest<NewsletterIssue>('GET', `${community(communityId)}/newsletters/${encodeURIComponent(issueId)}`),

  // ------------------------------------------------------------ editors

  manage: (communityId: string, status: ManageStatus, cursor?: string | null) =>
    apiRequest<Page<Bulletin>>('GET', `${bulletin(communityId)}/manage`, {
      query: { status, cursor: cursor ?? undefined },
    }),
  create: (communityId: string, body: BulletinInput, idempotencyKey: string) =>
    apiRequest<Bulletin>('POST', bulletin(communityId), { body, idempotencyKey }),
  update: (communityId: string, bulletinId: string, body: BulletinInput & { version: number }) =>
    apiRequest<Bulletin>('PUT', bulletin(communityId, bulletinId), { body }),
  move: (communityId: string, bulletinId: string, step: 'submit' | 'approve' | 'withdraw') =>
    apiRequest<Bulletin>('POST', `${bulletin(communityId, bulletinId)}/${step}`),
  reject: (communityId: string, bulletinId: string, reason: string) =>
    apiRequest<Bulletin>('POST', `${bulletin(communityId, bulletinId)}/reject`, { body: { reason } }),
  reads: (communityId: string, bulletinId: string) =>
    apiRequest<BulletinFigures>('GET', `${bulletin(communityId, bulletinId)}/reads`),
  readsCsv: (communityId: string, bulletinId: string, title: string): Promise<CsvFile> =>
    apiCsv(`${bulletin(communityId, bulletinId)}/reads.csv`, {}, `阅读情况-${title}.csv`),
};

/** Page paths of the two bulletin subpackages. */
export const BULLETIN_PAGES = {
  detail: '/packages/bulletins/detail/index',
  issue: '/packages/bulletins/issue/index',
  edit: '/packages/bulletins-admin/edit/index',
  review: '/packages/bulletins-admin/review/index',
  reads: '/packages/bulletins-admin/reads/index',
  published: '/packages/bulletins-admin/published/index',
  /** Built by the points engineer. */
  activity: '/packages/points/activities/index',
} as const;
