/**
 * Bulletins (社区公告 / 睦邻服务报): the feed, a bulletin, read receipts,
 * newsletter issues and the editors' calls, through the typed client of services/api.ts.
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
import { type CsvFile, call, named, type Page } from './api';

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

export const bulletinsApi = {
  feed: (
    communityId: string,
    kind: BulletinKind | undefined,
    cursor?: string | null,
    limit = 10,
  ): Promise<Page<FeedEntry>> =>
    call('GET /v1/communities/{communityId}/bulletins', {
      params: { communityId },
      query: { kind, cursor: cursor ?? undefined, limit },
    }),
  unread: (communityId: string): Promise<Unread> =>
    call('GET /v1/communities/{communityId}/bulletins/unread', { params: { communityId } }),
  get: (communityId: string, bulletinId: string): Promise<Bulletin> =>
    call('GET /v1/communities/{communityId}/bulletins/{bulletinId}', { params: { communityId, bulletinId } }),
  /** Idempotent: a second call only answers `first: false`. */
  markRead: (communityId: string, bulletinId: string): Promise<Receipt> =>
    call('POST /v1/communities/{communityId}/bulletins/{bulletinId}/read', { params: { communityId, bulletinId } }),

  newsletters: (communityId: string): Promise<z.output<typeof NewsletterList>> =>
    call('GET /v1/communities/{communityId}/newsletters', { params: { communityId } }),
  createNewsletter: (communityId: string, body: z.input<typeof NewsletterBody>): Promise<NewsletterIssue> =>
    call('POST /v1/communities/{communityId}/newsletters', { params: { communityId }, body }),
  newsletter: (communityId: string, issueId: string): Promise<NewsletterIssue> =>
    call('GET /v1/communities/{communityId}/newsletters/{issueId}', { params: { communityId, issueId } }),

  // ------------------------------------------------------------ editors

  manage: (communityId: string, status: ManageStatus, cursor?: string | null): Promise<Page<Bulletin>> =>
    call('GET /v1/communities/{communityId}/bulletins/manage', {
      params: { communityId },
      query: { status, cursor: cursor ?? undefined },
    }),
  create: (communityId: string, body: BulletinInput, idempotencyKey: string): Promise<Bulletin> =>
    call('POST /v1/communities/{communityId}/bulletins', { params: { communityId }, body, idempotencyKey }),
  update: (communityId: string, bulletinId: string, body: BulletinInput & { version: number }): Promise<Bulletin> =>
    call('PUT /v1/communities/{communityId}/bulletins/{bulletinId}', { params: { communityId, bulletinId }, body }),
  move: (communityId: string, bulletinId: string, step: 'submit' | 'approve' | 'withdraw'): Promise<Bulletin> =>
    call(`POST /v1/communities/{communityId}/bulletins/{bulletinId}/${step}`, { params: { communityId, bulletinId } }),
  reject: (communityId: string, bulletinId: string, reason: string): Promise<Bulletin> =>
    call('POST /v1/communities/{communityId}/bulletins/{bulletinId}/reject', {
      params: { communityId, bulletinId },
      body: { reason },
    }),
  reads: (communityId: string, bulletinId: string): Promise<BulletinFigures> =>
    call('GET /v1/communities/{communityId}/bulletins/{bulletinId}/reads', { params: { communityId, bulletinId } }),
  readsCsv: async (communityId: string, bulletinId: string, title: string): Promise<CsvFile> =>
    named(
      await call('GET /v1/communities/{communityId}/bulletins/{bulletinId}/reads.csv', {
        params: { communityId, bulletinId },
        accept: 'text/csv',
      }),
      `阅读情况-${title}.csv`,
    ),
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
