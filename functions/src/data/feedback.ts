import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Assignee,
  ConflictError,
  contactsUntil,
  FEEDBACK_CHANNELS,
  FEEDBACK_CLOSURES,
  FEEDBACK_STATUSES,
  type FeedbackStatus,
  isOpen,
  REPAIR_SIZES,
  ROLES,
  STREET_ROLES,
  UNIT_ROLES,
  URGENCIES,
} from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity, type PageOptions, stringSet } from './entity.js';
import { earlierResponse, type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { batchGetAll, batchWriteAll } from './query.js';
import { INDEX } from './table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

const Actor = z.enum([...ROLES, ...STREET_ROLES, ...UNIT_ROLES, 'system']);

/** A report as stored: everything the rules and the views need. */
export const ReportSchema = z.object({
  reportId: z.string(),
  communityId: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  description: z.string(),
  photos: z.array(z.string()),
  location: z.object({
    /** Null for a place outside every estate (an Open311 point on the road between two). */
    estateId: z.string().nullable(),
    buildingId: z.string().nullable(),
    unit: z.number().nullable(),
    /** The place description: the resident's words or an Open311 address_string. */
    detail: z.string(),
    address: z.string(),
    /** WGS-84 degrees, beside the building (absent on reports filed before points). */
    point: z.object({ lat: z.number(), long: z.number() }).nullable().optional(),
  }),
  gridId: z.string().nullable(),
  channel: z.enum(FEEDBACK_CHANNELS),
  anonymous: z.boolean(),
  reporterId: z.string().nullable(),
  reporterName: z.string(),
  reporterPhone: z.string().nullable(),
  /** Open311's email: contact for the staff who may see the number, erased with it. */
  reporterEmail: z.string().nullable().optional(),
  /** When the name and contact of a reporter without an account went (CONTACT_RETENTION_DAYS after closing). */
  contactsErasedAt: z.string().nullable().optional(),
  /** Open311's media_url: a link shown to staff, never fetched. */
  mediaUrl: z.string().nullable().optional(),
  /** Answers to the category's questions (Open311 attributes), with their labels as asked. */
  details: z.array(z.object({ code: z.string(), label: z.string(), value: z.string() })).optional(),
  status: z.enum(FEEDBACK_STATUSES),
  urgency: z.enum(URGENCIES),
  repair: z.enum(REPAIR_SIZES).nullable(),
  /** Accept (受理) by then; absent on reports filed before the rule (never swept for acceptance). */
  acceptBy: z.string().nullable().optional(),
  respondBy: z.string().nullable(),
  respondKind: z.enum(['on_site', 'plan']).nullable(),
  resolveBy: z.string().nullable(),
  /** Marked by the sweep when a deadline passed while the report was open. */
  overdue: z.boolean(),
  /**
   * The sweep's step: 1 = a deadline found breached (overdue and reminded), 2 = with the committee
   * (escalated by the sweep's second breach or by staff), 3 = whistled on to the street by the sweep.
   */
  breaches: z.number(),
  /**
   * When a sweep should look at the report next; null when no deadline is pending.
   * Open: the SLA sweep's next deadline check; resolved: the follow-up sweep's reminder, then `confirmBy`.
   */
  nextCheckAt: z.string().nullable(),
  /** Resolved: closes by itself then unless its reporter confirms or reopens (absent on reports resolved before the rule). */
  confirmBy: z.string().nullable().optional(),
  /** How a closed report was closed (absent on reports closed before it was kept: their reporter confirmed). */
  closure: z.enum(FEEDBACK_CLOSURES).nullable().optional(),
  escalated: z.boolean(),
  /**
   * The committee's own deadline, set when the report went up to it (by the sweep or by staff): as long again
   * as the window it was on. With a street above, the sweep whistles it on when it is missed. Absent before.
   */
  committeeBy: z.string().nullable().optional(),
  /** When the community escalated it on to its street office (吹哨), or the sweep did; absent until then. */
  streetEscalatedAt: z.string().nullable().optional(),
  /** The street office it was escalated on to (kept once a unit has it, so the street still sees it). */
  escalatedStreetId: z.string().nullable().optional(),
  assignee: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('grid_worker'), userId: z.string(), name: z.string() }),
      /** A unit with an account (`unitId`), or a name only (dispatched before units had accounts). */
      z.object({ kind: z.literal('unit'), unitId: z.string().optional(), name: z.string() }),
      z.object({ kind: z.literal('street'), streetId: z.string(), name: z.string() }),
      z.object({ kind: z.enum(['property', 'committee']), name: z.string() }),
    ])
    .nullable(),
  supporterIds: z.array(z.string()),
  rating: z.object({ score: z.number(), comment: z.string() }).nullable(),
  resolution: z.object({ note: z.string(), photos: z.array(z.string()) }).nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  /** When the first response came: on site (urgent) or a plan given (complex: a dispatch or a public reply). */
  respondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Optimistic concurrency: every write expects the version it read. */
  version: z.number(),
  /** When the latest event happened; kept by the repository so lists never read timelines. */
  updatedAt: z.string().optional(),
  /** The latest public reply, resolution note or reason for refusal; kept by the repository. */
  publicNote: z.string().nullable().optional(),
  /** Photos WeChat's image check judged risky: hidden from residents, marked for staff (set by the verdict). */
  riskyPhotos: stringSet.optional(),
});
export type ReportRecord = z.infer<typeof ReportSchema>;

export const EventSchema = z.object({
  eventId: z.string(),
  at: z.string(),
  kind: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  actorRole: Actor.nullable(),
  visibility: z.enum(['public', 'internal']),
  text: z.string().nullable(),
  photos: z.array(z.string()),
  statusAfter: z.enum(FEEDBACK_STATUSES),
});
export type EventRecord = z.infer<typeof EventSchema>;

const REPORT_PK = 'COMM#{communityId}#FB#{reportId}';
/** Newest first within a queue: the report's filing time. */
const FILED = '{createdAt}#{reportId}';

/** A queue's partition name for a report: an open report moves to `done` when it closes. */
const group = (r: { status: FeedbackStatus }) => (isOpen(r.status) ? 'open' : 'done');

/**
 * Which sweep watches a report: the SLA sweep while it is open, the follow-up sweep while it waits for
 * confirmation, the contact sweep once it closed while it keeps an account-less reporter's details.
 */
const DUE_QUEUES = { sla: 'FBDUE', followUp: 'FBFOLLOW', contacts: 'FBCONTACT' } as const;
type Watched = Pick<ReportRecord, 'status' | 'nextCheckAt' | 'closedAt' | 'reporterId' | 'contactsErasedAt'>;
/** A closed report whose reporter has no account and whose details are still kept. */
const keepsContacts = (r: Watched) =>
  r.status === 'closed' && Boolean(r.closedAt) && r.reporterId === null && !r.contactsErasedAt;
function dueQueue(r: Watched): string | undefined {
  if (keepsContacts(r)) return DUE_QUEUES.contacts;
  if (!r.nextCheckAt) return undefined;
  if (isOpen(r.status)) return DUE_QUEUES.sla;
  return r.status === 'resolved' ? DUE_QUEUES.followUp : undefined;
}
/** When its sweep looks at it next. */
const dueAt = (r: Watched) => (keepsContacts(r) ? contactsUntil(r.closedAt ?? '') : (r.nextCheckAt ?? ''));

function assigneeKey(a: Assignee | null): string | undefined {
  if (a?.kind === 'grid_worker') return `user:${a.userId}`;
  if (a?.kind === 'property') return 'property';
  return undefined;
}

/** The desk above the community that holds the report now: a unit's queue or the street's (吹哨), across communities. */
function deskKey(a: Assignee | null): string | undefined {
  if (a?.kind === 'unit' && a.unitId) return `FBUNIT#${a.unitId}`;
  if (a?.kind === 'street') return `FBSTREET#${a.streetId}`;
  return undefined;
}

/** What an Open311 service request shows of a report: the projection of its list (no contact, no photos). */
export const OPEN311_FIELDS = [
  'reportId',
  'status',
  'publicNote',
  'category',
  'categoryLabel',
  'description',
  'assignee',
  'gridId',
  'channel',
  'createdAt',
  'updatedAt',
  'resolveBy',
  'location',
] as const satisfies readonly (keyof ReportRecord)[];
export type Open311ReportFields = Pick<ReportRecord, (typeof OPEN311_FIELDS)[number]>;

/** A report: its record and the index keys of every queue it belongs to, declared once. */
export const reports = entity({
  kind: 'report',
  doc: 'A feedback report: what, where, who, its deadlines and its place in every queue.',
  schema: ReportSchema,
  key: { pk: REPORT_PK, sk: 'REPORT' },
  derived: (r) => ({
    group: group(r),
    ...(assigneeKey(r.assignee) ? { assignee: assigneeKey(r.assignee) ?? '' } : {}),
    ...(deskKey(r.assignee) ? { desk: deskKey(r.assignee) ?? '' } : {}),
    ...(dueQueue(r) ? { dueQueue: dueQueue(r) ?? '', dueAt: dueAt(r) } : {}),
  }),
  indexes: {
    [INDEX.gsi1]: { pk: 'FBUSER#{reporterId}', sk: FILED, when: (r: ReportRecord) => Boolean(r.reporterId) },
    [INDEX.gsi2]: { pk: 'FB#{communityId}#{group}', sk: FILED },
    [INDEX.gsi3]: {
      pk: 'FBGRID#{communityId}#{gridId}#{group}',
      sk: FILED,
      when: (r: ReportRecord) => Boolean(r.gridId),
    },
    // In the community (a worker's or the property's queue), or above it (a unit's or the street's desk: the
    // street's sorts by when it was escalated, oldest first, for the ages).
    [INDEX.gsi4]: [
      {
        pk: 'FBASSIGN#{communityId}#{assignee}#{group}',
        sk: FILED,
        when: (r: ReportRecord) => Boolean(assigneeKey(r.assignee)),
      },
      {
        pk: '{desk}#{group}',
        sk: '{streetEscalatedAt}#{reportId}',
        when: (r: ReportRecord) => r.assignee?.kind === 'street',
      },
      { pk: '{desk}#{group}', sk: FILED, when: (r: ReportRecord) => Boolean(deskKey(r.assignee)) },
    ],
    // dueQueue: FBDUE (open, the SLA sweep), FBFOLLOW (resolved, the follow-up sweep) or FBCONTACT (closed,
    // keeping an account-less reporter's details: the contact sweep); none when nothing is due.
    [INDEX.gsi5]: {
      pk: '{dueQueue}#{communityId}',
      sk: '{dueAt}#{reportId}',
      when: (r: ReportRecord) => Boolean(dueQueue(r)),
    },
  },
  patterns: {
    timeline: {
      doc: 'The report and its whole timeline, in one query (and erasure of a reporter).',
      index: 'table',
      pk: REPORT_PK,
    },
    ofReporter: {
      doc: "A person's own reports in every community, newest first (erasure reads them all).",
      index: INDEX.gsi1,
      pk: 'FBUSER#{reporterId}',
      descending: true,
    },
    ofCommunity: {
      doc: "A community's open or done reports, newest first: the staff queue, the figures, the board, similar ones.",
      index: INDEX.gsi2,
      pk: 'FB#{communityId}#{group}',
      descending: true,
    },
    ofGrid: {
      doc: "A grid's open or done reports, newest first: the grid worker's queue.",
      index: INDEX.gsi3,
      pk: 'FBGRID#{communityId}#{gridId}#{group}',
      descending: true,
    },
    ofAssignee: {
      doc: "An assignee's open or done reports, newest first: the property's or a worker's queue.",
      index: INDEX.gsi4,
      pk: 'FBASSIGN#{communityId}#{assignee}#{group}',
      descending: true,
    },
    ofUnit: {
      doc: "A unit's open or done reports across its service area, newest first: the unit's queue (desk FBUNIT#…).",
      index: INDEX.gsi4,
      pk: '{desk}#{group}',
      descending: true,
    },
    ofStreetDesk: {
      doc: 'Cases escalated to a street that it has not yet dispatched, oldest escalation first (desk FBSTREET#…).',
      index: INDEX.gsi4,
      pk: '{desk}#{group}',
    },
    due: {
      doc: 'Open reports whose next deadline check is due (dueQueue FBDUE): the SLA sweep.',
      index: INDEX.gsi5,
      pk: '{dueQueue}#{communityId}',
    },
    contactsDue: {
      doc: 'Closed reports whose account-less reporter’s name and contact are due to go (dueQueue FBCONTACT): the contact sweep.',
      index: INDEX.gsi5,
      pk: '{dueQueue}#{communityId}',
    },
    confirmDue: {
      doc: 'Resolved reports due a confirmation reminder or their automatic close (dueQueue FBFOLLOW): the follow-up sweep.',
      index: INDEX.gsi5,
      pk: '{dueQueue}#{communityId}',
    },
  },
  // A string set, so a verdict can ADD to it without reading the report.
  toItem: (r) => ({ riskyPhotos: r.riskyPhotos?.length ? new Set(r.riskyPhotos) : undefined }),
});

/** A step of a report's timeline; its own `kind` is the step's, so its items carry no kind tag. */
export const reportEvents = entity({
  kind: 'event',
  tagged: false,
  doc: "One step of a report's timeline (who, what, the status after); in the report's partition.",
  schema: EventSchema,
  key: { pk: REPORT_PK, sk: 'EVENT#{at}#{eventId}' },
});

/** One "me too" per person and report. */
export const reportSupporters = entity({
  kind: 'supporter',
  doc: 'A resident\'s "我也遇到" on a report: once per person.',
  schema: z.object({ userId: z.string(), at: z.string() }),
  key: { pk: REPORT_PK, sk: 'SUPPORTER#{userId}' },
});

/** A community whose resolved reports from before confirmation windows have theirs (confirm-sweep.ts). */
export const followUpBackfills = entity({
  kind: 'follow-up-backfill',
  tagged: false,
  doc: 'Marks a community whose resolved reports from before the confirmation window were given one.',
  schema: z.object({}),
  key: { pk: 'FBFOLLOW#{communityId}#BACKFILL', sk: 'DONE' },
});

/** Who a report or a step was by, once that person erased their account. */
const ERASED = '已注销居民';

const NOTE_KINDS = new Set(['reply', 'resolve', 'reject']);

/** The report with the summary of its timeline brought up to date by `events` (oldest first). */
function summarized(r: ReportRecord, events: readonly EventRecord[]): ReportRecord {
  const notes = events.filter((e) => e.visibility === 'public' && NOTE_KINDS.has(e.kind) && e.text);
  return {
    ...r,
    updatedAt: events.at(-1)?.at ?? r.updatedAt ?? r.createdAt,
    publicNote: notes.at(-1)?.text ?? r.publicNote ?? null,
  };
}

export type QueueScope =
  | { kind: 'community' }
  | { kind: 'grid'; gridId: string }
  | { kind: 'assignee'; assignee: string };

export interface QueueFilter {
  statuses?: readonly FeedbackStatus[];
  category?: string;
  overdueAt?: string;
}

/** The queue's filters as the query's filter (data/workbench.ts counts with the same one). */
export function queueFilter(filter: QueryFilter | undefined): PageOptions['filter'] {
  const f = filterExpression(filter, {});
  return f.FilterExpression
    ? { expression: f.FilterExpression, names: f.ExpressionAttributeNames, values: f.ExpressionAttributeValues }
    : undefined;
}

/** A staff queue's partition: the community's, a grid's or an assignee's, open or done. */
export function inQueue(communityId: string, scope: QueueScope, g: 'open' | 'done') {
  return {
    page: (table: TableRef, options: PageOptions) =>
      scope.kind === 'community'
        ? reports.page(table, 'ofCommunity', { communityId, group: g }, options)
        : scope.kind === 'grid'
          ? reports.page(table, 'ofGrid', { communityId, gridId: scope.gridId, group: g }, options)
          : reports.page(table, 'ofAssignee', { communityId, assignee: scope.assignee, group: g }, options),
    count: (table: TableRef, options: PageOptions) =>
      scope.kind === 'community'
        ? reports.count(table, 'ofCommunity', { communityId, group: g }, options)
        : scope.kind === 'grid'
          ? reports.count(table, 'ofGrid', { communityId, gridId: scope.gridId, group: g }, options)
          : reports.count(table, 'ofAssignee', { communityId, assignee: scope.assignee, group: g }, options),
  };
}

export function createFeedbackRepository(table: TableRef) {
  const TableName = table.tableName;
  const eventItem = (r: ReportRecord, e: EventRecord) => reportEvents.item(e, r);

  /** `anyReport`: a replay may name another report than `reportId` (a retried create made a fresh id). */
  async function write(
    items: TransactItem[],
    idem: Idempotency | undefined,
    reportId: string,
    now: Date,
    anyReport = false,
  ) {
    try {
      await writeTransaction(table, idem ? [idempotencyPut(table, idem, { reportId }, now), ...items] : items);
      return { replayed: false as const };
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      if (idem && error.failed(0)) {
        const stored = await replayIdempotent<{ reportId: string }>(table, idem);
        if (stored.reportId !== reportId && !anyReport)
          throw new ConflictError('IDEMPOTENCY_KEY_REUSED', '该请求编号已用于另一项操作，请刷新后重试');
        return { replayed: true as const, reportId: stored.reportId };
      }
      const report = idem ? 1 : 0;
      if (error.failed(report)) throw new ConflictError('FEEDBACK_CHANGED', '该反映刚被他人处理，请刷新后再试');
      if (error.failed(report + 2)) throw new ConflictError('FEEDBACK_ALREADY_JOINED', '您已经表示过“我也遇到”');
      throw error;
    }
  }

  return {
    /**
     * Files a new report with its first event; a repeated Idempotency-Key gives
     * the first report's id. `extra` (messages, photo checks) commits with it.
     */
    async create(
      report: ReportRecord,
      event: EventRecord,
      idem: Idempotency | undefined,
      now: Date,
      extra: readonly TransactItem[] = [],
    ) {
      return write(
        [
          {
            Put: {
              TableName,
              Item: reports.item(summarized(report, [event])),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName, Item: eventItem(report, event) } },
          ...extra,
        ],
        idem,
        report.reportId,
        now,
        true,
      );
    },

    /**
     * Writes the report as changed by one action, with its event (or events:
     * the sweep's overdue and reminded), if nobody changed it since it was
     * read; `supporter` also records a "me too". `extra` (messages, photo
     * checks) commits with it or not at all.
     */
    async update(
      before: ReportRecord,
      after: ReportRecord,
      events: EventRecord | readonly EventRecord[],
      idem: Idempotency | undefined,
      now: Date,
      supporter?: string,
      extra: readonly TransactItem[] = [],
    ) {
      const [event, ...more] = ([] as EventRecord[]).concat(events);
      if (!event) throw new Error('A report update needs an event');
      const eventPut = (e: EventRecord): TransactItem => ({ Put: { TableName, Item: eventItem(after, e) } });
      const stored = summarized({ ...after, version: before.version + 1 }, [event, ...more]);
      const items: TransactItem[] = [
        {
          Put: {
            TableName,
            Item: reports.item(stored),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': before.version },
          },
        },
        eventPut(event),
      ];
      if (supporter)
        items.push({
          Put: {
            TableName,
            Item: reportSupporters.item({ userId: supporter, at: event.at }, after),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      // Further events go last, so the item positions `write` names failures by stay where they are.
      items.push(...more.map(eventPut), ...extra);
      const written = await write(items, idem, after.reportId, now);
      // The report as it now stands, unless another request with the key wrote first (then read it).
      return written.replayed ? written : { ...written, report: stored };
    },

    /**
     * The report an earlier request with this key changed, if there was one: a retry after the answer
     * was lost is answered with the report as it is, not refused for the state its own first try made.
     */
    async earlier(idem: Idempotency): Promise<string | undefined> {
      return (await earlierResponse<{ reportId: string }>(table, idem))?.reportId;
    },

    /** The report and its whole timeline, in one query of its partition. */
    async get(
      communityId: string,
      reportId: string,
    ): Promise<{ report: ReportRecord; events: EventRecord[] } | undefined> {
      const items = await reports.rawAll(table, 'timeline', { communityId, reportId }, { consistent: true });
      const report = items.find((i) => i.sk === 'REPORT');
      if (!report) return undefined;
      return {
        report: reports.parse(report),
        events: items.filter((i) => String(i.sk).startsWith('EVENT#')).map(reportEvents.parse),
      };
    },

    /** The reports (without timelines) of `reportIds` that exist in the community. */
    async getMany(communityId: string, reportIds: readonly string[]): Promise<ReportRecord[]> {
      const items = await batchGetAll(
        table,
        [...new Set(reportIds)].map((reportId) => reports.key({ communityId, reportId })),
      );
      return items.map(reports.parse);
    },

    /** A resident's own reports in one community, newest first. */
    listOfReporter(userId: string, communityId: string, cursor: string | undefined, limit: number) {
      return reports.page(
        table,
        'ofReporter',
        { reporterId: userId },
        { cursor, limit, filter: { expression: 'communityId = :cid', values: { ':cid': communityId } } },
      );
    },

    /** A unit's queue across its service area: newest first, open (to do) or done. */
    listOfUnit(unitId: string, done: boolean, cursor: string | undefined, limit: number) {
      return reports.page(
        table,
        'ofUnit',
        { desk: `FBUNIT#${unitId}`, group: done ? 'done' : 'open' },
        { cursor, limit },
      );
    },

    /** The street's desk: escalated cases it has yet to dispatch, the longest waiting first. */
    listStreetDesk(streetId: string, cursor: string | undefined, limit: number) {
      return reports.page(table, 'ofStreetDesk', { desk: `FBSTREET#${streetId}`, group: 'open' }, { cursor, limit });
    },

    /** A staff queue: newest first within the open or done partition of a scope. */
    listQueue(
      communityId: string,
      scope: QueueScope,
      done: boolean,
      filter: QueueFilter,
      cursor: string | undefined,
      limit: number,
    ) {
      return inQueue(communityId, scope, done ? 'done' : 'open').page(table, {
        cursor,
        limit,
        filter: queueFilter(filter),
      });
    },

    /**
     * The newest `max` reports of a community's open or done queue filed in
     * `[from, to)`, of `categories` if given, with only the fields Open311
     * shows: one bounded key query (a filter may take a page more).
     */
    listForOpen311(
      communityId: string,
      group: 'open' | 'done',
      range: { from: string; to: string },
      max: number,
      categories?: readonly string[],
    ): Promise<Open311ReportFields[]> {
      const values = Object.fromEntries((categories ?? []).map((c, i) => [`:c${i}`, c]));
      return reports.fields(table, 'ofCommunity', { communityId, group }, OPEN311_FIELDS, {
        ...range,
        max,
        filter: categories?.length
          ? { expression: `category IN (${Object.keys(values).join(', ')})`, values }
          : undefined,
      });
    },

    /** Open reports of the same building and category since `since`: "我也遇到" candidates. */
    similarOpen(communityId: string, buildingId: string, category: string, since: string, until: string) {
      return reports.all(
        table,
        'ofCommunity',
        { communityId, group: 'open' },
        { from: since, to: until, descending: false, filter: queueFilter({ buildingId, category }) },
      );
    },

    /** Resolved and closed reports for the public board, newest first. */
    listBoard(communityId: string, cursor: string | undefined, limit: number) {
      return reports.page(
        table,
        'ofCommunity',
        { communityId, group: 'done' },
        {
          cursor,
          limit,
          filter: {
            expression: '#s IN (:resolved, :closed)',
            names: { '#s': 'status' },
            values: { ':resolved': 'resolved', ':closed': 'closed' },
          },
        },
      );
    },

    /** Every report a person filed, in every community (all pages): what erasure must reach. */
    allOfReporter(userId: string): Promise<ReportRecord[]> {
      return reports.all(table, 'ofReporter', { reporterId: userId }, { descending: false });
    },

    /**
     * PIPL erasure of a reporter from one report: the report stays for the
     * community's figures, without who filed it, what they wrote or their
     * photos; their own timeline entries lose name, text and photos too.
     */
    async eraseReporter(communityId: string, reportId: string, userId: string): Promise<void> {
      const items = await reports.rawAll(table, 'timeline', { communityId, reportId }, { consistent: true });
      const events = items
        .filter((i) => String(i.sk).startsWith('EVENT#'))
        .map(reportEvents.parse)
        .filter((e) => e.actorId === userId)
        .map((e) =>
          reportEvents.item(
            { ...e, actorId: null, actorName: ERASED, text: null, photos: [] },
            { communityId, reportId },
          ),
        );
      await batchWriteAll(
        table,
        events.map((Item) => ({ PutRequest: { Item } })),
      );
      const found = items.find((i) => i.sk === 'REPORT');
      if (!found) return;
      const r = reports.parse(found);
      if (r.reporterId !== userId) return;
      const erased: ReportRecord = {
        ...r,
        reporterId: null,
        reporterName: ERASED,
        reporterPhone: null,
        reporterEmail: null,
        // Nothing of theirs is left for the contact sweep to remove.
        contactsErasedAt: r.contactsErasedAt ?? new Date().toISOString(),
        mediaUrl: null,
        details: [],
        description: '（反映人已注销账号，内容已删除）',
        photos: [],
        riskyPhotos: [],
        rating: r.rating ? { score: r.rating.score, comment: '' } : null,
        version: r.version + 1,
      };
      await writeTransaction(table, [
        {
          Put: {
            TableName,
            Item: reports.item(erased),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': r.version },
          },
        },
      ]);
    },

    /** Reports whose next deadline check is due by `now`, by key query on the sparse due index. */
    due(communityId: string, now: string) {
      // Key conditions refuse an empty string; every ISO time sorts after '0'.
      return reports.all(table, 'due', { dueQueue: DUE_QUEUES.sla, communityId }, { from: '0', to: `${now}#~` });
    },

    /**
     * Whether the community's resolved reports from before the follow-up window all have one (the
     * sweep gives them theirs once; a marker item, as bulletins' feed backfill keeps).
     */
    async followUpBackfilled(communityId: string): Promise<boolean> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: followUpBackfills.key({ communityId }) }));
      return out.Item !== undefined;
    },

    async markFollowUpBackfilled(communityId: string): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: followUpBackfills.item({}, { communityId }) }));
    },

    /** Closed reports whose account-less reporter's details are due to go by `now`, oldest first, at most `limit`. */
    async contactsDue(communityId: string, now: string, limit: number) {
      const page = await reports.page(
        table,
        'contactsDue',
        { dueQueue: DUE_QUEUES.contacts, communityId },
        { from: '0', to: `${now}#~`, limit },
      );
      return page.items;
    },

    /** Resolved reports whose reminder or automatic close is due by `now`, oldest first, at most `limit`. */
    async confirmDue(communityId: string, now: string, limit: number) {
      const page = await reports.page(
        table,
        'confirmDue',
        { dueQueue: DUE_QUEUES.followUp, communityId },
        { from: '0', to: `${now}#~`, limit },
      );
      return page.items;
    },
  };
}

type QueryFilter = QueueFilter & { buildingId?: string };

/** The queue's filters as a DynamoDB filter (see `queueFilter`). */
function filterExpression(filter: QueryFilter | undefined, values: Record<string, unknown>) {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const vals: Record<string, unknown> = { ...values };
  if (filter?.statuses?.length) {
    names['#s'] = 'status';
    const placeholders = filter.statuses.map((status, i) => {
      vals[`:s${i}`] = status;
      return `:s${i}`;
    });
    parts.push(`#s IN (${placeholders.join(', ')})`);
  }
  if (filter?.category) {
    vals[':category'] = filter.category;
    parts.push('category = :category');
  }
  if (filter?.buildingId) {
    vals[':building'] = filter.buildingId;
    parts.push('#loc.buildingId = :building');
    names['#loc'] = 'location';
  }
  if (filter?.overdueAt) {
    vals[':now'] = filter.overdueAt;
    vals[':true'] = true;
    vals[':submitted'] = 'submitted';
    names['#st'] = 'status';
    // Past the fix deadline, marked by the sweep, or still waiting for acceptance past its deadline.
    parts.push('(resolveBy < :now OR overdue = :true OR (#st = :submitted AND acceptBy < :now))');
  }
  return {
    ...(parts.length ? { FilterExpression: parts.join(' AND ') } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: vals,
  };
}

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
