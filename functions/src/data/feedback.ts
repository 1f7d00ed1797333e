import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  type Assignee,
  ConflictError,
  type FEEDBACK_CHANNELS,
  type FeedbackStatus,
  isOpen,
  type RepairSize,
  type Role,
  type Urgency,
} from '@linli/shared';
import type { TableRef } from './client.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { batchGetAll, batchWriteAll, queryAll } from './query.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

/** A report as stored: everything the rules and the views need. */
export interface ReportRecord {
  reportId: string;
  communityId: string;
  category: string;
  categoryLabel: string;
  description: string;
  photos: string[];
  location: { estateId: string; buildingId: string | null; unit: number | null; detail: string; address: string };
  gridId: string | null;
  channel: (typeof FEEDBACK_CHANNELS)[number];
  anonymous: boolean;
  reporterId: string | null;
  reporterName: string;
  reporterPhone: string | null;
  status: FeedbackStatus;
  urgency: Urgency;
  repair: RepairSize | null;
  /** Accept (受理) by then; absent on reports filed before the rule (never swept for acceptance). */
  acceptBy?: string | null;
  respondBy: string | null;
  respondKind: 'on_site' | 'plan' | null;
  resolveBy: string | null;
  /** Marked by the sweep when a deadline passed while the report was open. */
  overdue: boolean;
  /** Times a deadline was found breached by the sweep (1 = overdue and reminded, 2 = escalated). */
  breaches: number;
  /** When the sweep should look at the report next; null when no deadline is pending. */
  nextCheckAt: string | null;
  escalated: boolean;
  assignee: Assignee | null;
  supporterIds: string[];
  rating: { score: number; comment: string } | null;
  resolution: { note: string; photos: string[] } | null;
  createdAt: string;
  acceptedAt: string | null;
  /** When the first response came: on site (urgent) or a plan given (complex: a dispatch or a public reply). */
  respondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Optimistic concurrency: every write expects the version it read. */
  version: number;
  /** When the latest event happened; kept by the repository so lists never read timelines. */
  updatedAt?: string;
  /** The latest public reply, resolution note or reason for refusal; kept by the repository. */
  publicNote?: string | null;
  /** Photos WeChat's image check judged risky: hidden from residents, marked for staff (set by the verdict). */
  riskyPhotos?: string[];
}

export interface EventRecord {
  eventId: string;
  at: string;
  kind: string;
  actorId: string | null;
  actorName: string;
  actorRole: Role | 'system' | null;
  visibility: 'public' | 'internal';
  text: string | null;
  photos: string[];
  statusAfter: FeedbackStatus;
}

/** Who a report or a step was by, once that person erased their account. */
const ERASED = '已注销居民';

const group = (r: ReportRecord) => (isOpen(r.status) ? 'open' : 'done');

function assigneeKey(a: Assignee | null): string | undefined {
  if (a?.kind === 'grid_worker') return `user:${a.userId}`;
  if (a?.kind === 'property') return 'property';
  return undefined;
}

/** The stored item: the record plus the index keys of every queue it belongs to. */
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

function reportItem(r: ReportRecord) {
  const sk = `${r.createdAt}#${r.reportId}`;
  const assignee = assigneeKey(r.assignee);
  const { riskyPhotos, ...rest } = r;
  return {
    ...keys.feedbackReport(r.communityId, r.reportId),
    ...rest,
    // A string set, so a verdict can ADD to it without reading the report.
    ...(riskyPhotos?.length ? { riskyPhotos: new Set(riskyPhotos) } : {}),
    ...(r.reporterId ? { gsi1pk: keys.feedbackOfReporter(r.reporterId), gsi1sk: sk } : {}),
    gsi2pk: keys.feedbackOfCommunity(r.communityId, group(r)),
    gsi2sk: sk,
    ...(r.gridId ? { gsi3pk: keys.feedbackOfGrid(r.communityId, r.gridId, group(r)), gsi3sk: sk } : {}),
    ...(assignee ? { gsi4pk: keys.feedbackOfAssignee(r.communityId, assignee, group(r)), gsi4sk: sk } : {}),
    ...(r.nextCheckAt && isOpen(r.status)
      ? { gsi5pk: keys.feedbackDue(r.communityId), gsi5sk: `${r.nextCheckAt}#${r.reportId}` }
      : {}),
  };
}

const INDEX_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'gsi5pk',
  'gsi5sk',
];

function toReport(item: Record<string, unknown>): ReportRecord {
  const copy = { ...item };
  for (const name of INDEX_ATTRIBUTES) delete copy[name];
  if (copy.riskyPhotos instanceof Set) copy.riskyPhotos = [...copy.riskyPhotos];
  return copy as unknown as ReportRecord;
}

function toEvent(item: Record<string, unknown>): EventRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as EventRecord;
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

export function createFeedbackRepository(table: TableRef) {
  const TableName = table.tableName;

  async function page(input: Omit<QueryCommandInput, 'TableName'>, pkName: string, pk: string, cursor?: string) {
    const out = await table.doc.send(
      new QueryCommand({ TableName, ...input, ExclusiveStartKey: decodeCursor(cursor, { [pkName]: pk }) }),
    );
    return { items: (out.Items ?? []).map(toReport), cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  /** Every report of a partition within `[from, to)`, following pages. */
  async function all(index: string, pkName: string, pk: string, from: string, to: string, filter?: QueryFilter) {
    const skName = pkName.replace('pk', 'sk');
    const items = await queryAll(table, {
      IndexName: index,
      KeyConditionExpression: `${pkName} = :pk AND ${skName} BETWEEN :from AND :to`,
      ...filterExpression(filter, { ':pk': pk, ':from': from, ':to': to }),
    });
    return items.map(toReport);
  }

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
              Item: reportItem(summarized(report, [event])),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName,
              Item: { ...keys.feedbackEvent(report.communityId, report.reportId, event.at, event.eventId), ...event },
            },
          },
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
      const eventPut = (e: EventRecord): TransactItem => ({
        Put: { TableName, Item: { ...keys.feedbackEvent(after.communityId, after.reportId, e.at, e.eventId), ...e } },
      });
      const items: TransactItem[] = [
        {
          Put: {
            TableName,
            Item: reportItem(summarized({ ...after, version: before.version + 1 }, [event, ...more])),
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
            Item: { ...keys.feedbackSupporter(after.communityId, after.reportId, supporter), at: event.at },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      // Further events go last, so the item positions `write` names failures by stay where they are.
      items.push(...more.map(eventPut), ...extra);
      return write(items, idem, after.reportId, now);
    },

    /** The report and its whole timeline, in one query of its partition. */
    async get(
      communityId: string,
      reportId: string,
    ): Promise<{ report: ReportRecord; events: EventRecord[] } | undefined> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.feedback(communityId, reportId) },
        ConsistentRead: true,
      });
      const report = items.find((i) => i.sk === 'REPORT');
      if (!report) return undefined;
      return {
        report: toReport(report),
        events: items.filter((i) => String(i.sk).startsWith('EVENT#')).map(toEvent),
      };
    },

    /** The reports (without timelines) of `reportIds` that exist in the community. */
    async getMany(communityId: string, reportIds: readonly string[]): Promise<ReportRecord[]> {
      const items = await batchGetAll(
        table,
        [...new Set(reportIds)].map((id) => keys.feedbackReport(communityId, id)),
      );
      return items.map(toReport);
    },

    /** A resident's own reports in one community, newest first. */
    listOfReporter(userId: string, communityId: string, cursor: string | undefined, limit: number) {
      const pk = keys.feedbackOfReporter(userId);
      return page(
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          FilterExpression: 'communityId = :cid',
          ExpressionAttributeValues: { ':pk': pk, ':cid': communityId },
          ScanIndexForward: false,
          Limit: limit,
        },
        'gsi1pk',
        pk,
        cursor,
      );
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
      const g = done ? 'done' : 'open';
      const [index, pk] =
        scope.kind === 'community'
          ? ['gsi2', keys.feedbackOfCommunity(communityId, g)]
          : scope.kind === 'grid'
            ? ['gsi3', keys.feedbackOfGrid(communityId, scope.gridId, g)]
            : ['gsi4', keys.feedbackOfAssignee(communityId, scope.assignee, g)];
      const pkName = `${index}pk`;
      return page(
        {
          IndexName: index,
          KeyConditionExpression: `${pkName} = :pk`,
          ...filterExpression(filter, { ':pk': pk }),
          ScanIndexForward: false,
          Limit: limit,
        },
        pkName,
        pk,
        cursor,
      );
    },

    /** Every report received in `[from, to)`: the source of the figures, the demand list and Open311. */
    async listReceived(communityId: string, from: string, to: string) {
      const [open, done] = await Promise.all(
        (['open', 'done'] as const).map((g) =>
          all('gsi2', 'gsi2pk', keys.feedbackOfCommunity(communityId, g), from, to),
        ),
      );
      return [...(open ?? []), ...(done ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    /** Open reports of the same building and category since `since`: "我也遇到" candidates. */
    async similarOpen(communityId: string, buildingId: string, category: string, since: string, until: string) {
      return all('gsi2', 'gsi2pk', keys.feedbackOfCommunity(communityId, 'open'), since, until, {
        buildingId,
        category,
      });
    },

    /** Resolved and closed reports for the public board, newest first. */
    listBoard(communityId: string, cursor: string | undefined, limit: number) {
      const pk = keys.feedbackOfCommunity(communityId, 'done');
      return page(
        {
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          FilterExpression: '#s IN (:resolved, :closed)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':pk': pk, ':resolved': 'resolved', ':closed': 'closed' },
          ScanIndexForward: false,
          Limit: limit,
        },
        'gsi2pk',
        pk,
        cursor,
      );
    },

    /** Every report a person filed, in every community (all pages): what erasure must reach. */
    async allOfReporter(userId: string): Promise<ReportRecord[]> {
      const items = await queryAll(table, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.feedbackOfReporter(userId) },
      });
      return items.map(toReport);
    },

    /**
     * PIPL erasure of a reporter from one report: the report stays for the
     * community's figures, without who filed it, what they wrote or their
     * photos; their own timeline entries lose name, text and photos too.
     */
    async eraseReporter(communityId: string, reportId: string, userId: string): Promise<void> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.feedback(communityId, reportId) },
        ConsistentRead: true,
      });
      const events = items
        .filter((i) => String(i.sk).startsWith('EVENT#') && i.actorId === userId)
        .map((i) => ({ ...i, actorId: null, actorName: ERASED, text: null, photos: [] }));
      await batchWriteAll(
        table,
        events.map((Item) => ({ PutRequest: { Item } })),
      );
      const found = items.find((i) => i.sk === 'REPORT');
      if (!found) return;
      const r = toReport(found);
      if (r.reporterId !== userId) return;
      const erased: ReportRecord = {
        ...r,
        reporterId: null,
        reporterName: ERASED,
        reporterPhone: null,
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
            Item: reportItem(erased),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': r.version },
          },
        },
      ]);
    },

    /** Reports whose next deadline check is due by `now`, by key query on the sparse due index. */
    async due(communityId: string, now: string) {
      const pk = keys.feedbackDue(communityId);
      // Key conditions refuse an empty string; every ISO time sorts after '0'.
      return all('gsi5', 'gsi5pk', pk, '0', `${now}#~`);
    },
  };
}

type QueryFilter = QueueFilter & { buildingId?: string };

/** The queue's filters as a DynamoDB filter; data/workbench.ts counts with the same one. */
export function filterExpression(filter: QueryFilter | undefined, values: Record<string, unknown>) {
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
