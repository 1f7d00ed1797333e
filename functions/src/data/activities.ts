/**
 * Volunteer activities and their sign-ups. An activity's sign-ups live in its
 * own partition; a sign-up is the once-per-person record that check-in and the
 * attendance credit (data/points.ts `creditVolunteer`) mark.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { batchGetAll } from './query.js';
import { INDEX } from './table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';
import { userProfiles } from './users.js';

export const ActivitySchema = z.object({
  activityId: z.string(),
  communityId: z.string(),
  title: z.string(),
  description: z.string(),
  /** Shanghai date and wall-clock times, as the admin entered them. */
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  /** The same as UTC instants. */
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  points: z.number(),
  capacity: z.number(),
  signedUp: z.number(),
  organiserId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** A volunteer post of a co-building unit (部门报到): any of its members runs it. Absent: the community's own. */
  unitId: z.string().optional(),
  unitName: z.string().optional(),
});
export type ActivityRecord = z.infer<typeof ActivitySchema>;

export const SignupSchema = z.object({
  communityId: z.string(),
  activityId: z.string(),
  userId: z.string(),
  signedUpAt: z.string(),
  checkedInAt: z.string().optional(),
  attendedAt: z.string().optional(),
  attendedBy: z.string().optional(),
  creditedPoints: z.number().optional(),
  creditEntryId: z.string().optional(),
});
export type SignupRecord = z.infer<typeof SignupSchema>;

const ACTIVITY_PK = 'COMM#{communityId}#ACT#{activityId}';

export const activities = entity({
  kind: 'activity',
  doc: 'A volunteer activity: when, where, how many places, the points for attending.',
  schema: ActivitySchema,
  key: { pk: ACTIVITY_PK, sk: 'ACTIVITY' },
  // Ordered by when they end: what is still to come (or going on) is everything ending after now.
  indexes: {
    [INDEX.gsi1]: { pk: 'ACTS#{communityId}', sk: '{endsAt}#{activityId}' },
    // Sparse: a unit's posts across its service area in one key query, ordered by end like a community's.
    [INDEX.gsi2]: {
      pk: 'UNITACTS#{unitId}',
      sk: '{endsAt}#{activityId}',
      when: (a: ActivityRecord) => Boolean(a.unitId),
    },
  },
  patterns: {
    withSignups: {
      doc: 'The activity and its sign-ups (bounded by its capacity), in one query: the sign-up list.',
      index: 'table',
      pk: ACTIVITY_PK,
    },
    ofCommunity: {
      doc: "A community's activities by end: upcoming (ending after now, soonest first) or past (newest first).",
      index: INDEX.gsi1,
      pk: 'ACTS#{communityId}',
    },
    ofUnit: {
      doc: "A unit's volunteer posts across the communities it serves, by end (单位工作台 → 志愿服务).",
      index: INDEX.gsi2,
      pk: 'UNITACTS#{unitId}',
    },
  },
});

/** One per person and activity: the sign-up, its check-in and the once-only attendance credit. */
export const signups = entity({
  kind: 'signup',
  doc: "A person's sign-up for an activity, its check-in and the once-only attendance credit.",
  schema: SignupSchema,
  key: { pk: ACTIVITY_PK, sk: 'SIGNUP#{userId}' },
  patterns: {
    ofActivity: {
      doc: "An activity's sign-ups (bounded by its capacity).",
      index: 'table',
      pk: ACTIVITY_PK,
      skPrefix: 'SIGNUP#',
    },
  },
});

export function createActivitiesRepository(table: TableRef) {
  const TableName = table.tableName;

  return {
    /** A new activity; a repeated `Idempotency-Key` gives back the first one's id. */
    async create(a: ActivityRecord, idem: Idempotency, now: Date): Promise<string> {
      try {
        await writeTransaction(table, [
          idempotencyPut(table, idem, { activityId: a.activityId }, now),
          { Put: { TableName, Item: activities.item(a), ConditionExpression: 'attribute_not_exists(pk)' } },
        ]);
        return a.activityId;
      } catch (error) {
        if (error instanceof TransactionRefused && error.failed(0))
          return (await replayIdempotent<{ activityId: string }>(table, idem)).activityId;
        throw error;
      }
    },

    /** Seeding: an activity written as given. */
    async put(a: ActivityRecord): Promise<void> {
      await writeTransaction(table, [{ Put: { TableName, Item: activities.item(a) } }]);
    },

    async get(communityId: string, activityId: string): Promise<ActivityRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: activities.key({ communityId, activityId }), ConsistentRead: true }),
      );
      return out.Item ? activities.parse(out.Item) : undefined;
    },

    /** Upcoming and ongoing (ending after `now`, soonest first) or past (newest first). */
    list(communityId: string, when: 'upcoming' | 'past', now: string, cursor: string | undefined, limit: number) {
      // `{endsAt}#{id}` sorts after `now` exactly when the activity ends after it.
      return activities.page(
        table,
        'ofCommunity',
        { communityId },
        when === 'upcoming' ? { cursor, limit, from: now } : { cursor, limit, to: now, descending: true },
      );
    },

    /** A unit's posts, upcoming and ongoing (soonest first) or past (newest first), like `list`. */
    listOfUnit(unitId: string, when: 'upcoming' | 'past', now: string, cursor: string | undefined, limit: number) {
      return activities.page(
        table,
        'ofUnit',
        { unitId },
        when === 'upcoming' ? { cursor, limit, from: now } : { cursor, limit, to: now, descending: true },
      );
    },

    /**
     * What views of `shown` need besides the activities, in one BatchGet: the caller's sign-ups of them and their
     * organisers' names (an organiser who erased their account has none).
     */
    async signupsAndOrganisers(
      communityId: string,
      shown: readonly Pick<ActivityRecord, 'activityId' | 'organiserId'>[],
      userId: string,
    ): Promise<{ mine: Map<string, SignupRecord>; names: Map<string, string> }> {
      const organisers = [...new Set(shown.map((a) => a.organiserId))];
      // Consistent: a view right after a sign-up shows it.
      const items = await batchGetAll(
        table,
        [
          ...shown.map((a) => signups.key({ communityId, activityId: a.activityId, userId })),
          ...organisers.map((organiserId) => userProfiles.key({ userId: organiserId })),
        ],
        undefined,
        true,
      );
      const isProfile = (i: Record<string, unknown>) => i.sk === userProfiles.key({ userId: '' }).sk;
      const mine = items.filter((i) => !isProfile(i)).map(signups.parse);
      const people = items.filter(isProfile).map(userProfiles.parse);
      return {
        mine: new Map(mine.map((s) => [s.activityId, s])),
        names: new Map(people.map((u) => [u.userId, u.nickname])),
      };
    },

    /** The activity and everyone signed up for it, in one consistent query of its partition. */
    async withSignups(
      communityId: string,
      activityId: string,
    ): Promise<{ activity: ActivityRecord; signups: SignupRecord[] } | undefined> {
      const items = await activities.rawAll(table, 'withSignups', { communityId, activityId }, { consistent: true });
      const activity = items.find((i) => i.sk === activities.key({ communityId, activityId }).sk);
      if (!activity) return undefined;
      return {
        activity: activities.parse(activity),
        signups: items.filter((i) => String(i.sk).startsWith('SIGNUP#')).map(signups.parse),
      };
    },

    /** Everyone signed up for an activity (bounded by its capacity). */
    signups(communityId: string, activityId: string): Promise<SignupRecord[]> {
      return signups.all(table, 'ofActivity', { communityId, activityId }, { consistent: true });
    },

    /**
     * A sign-up: one per person (a repeat is answered `already`), and the
     * count stays within the capacity, before the start — both as conditions.
     */
    async signUp(s: SignupRecord, now: string): Promise<'signed_up' | 'already' | 'refused'> {
      const items: TransactItem[] = [
        {
          Put: {
            TableName,
            Item: signups.item(s),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName,
            Key: activities.key(s),
            UpdateExpression: 'ADD signedUp :one',
            ConditionExpression: 'attribute_exists(pk) AND signedUp < #capacity AND startsAt > :now',
            ExpressionAttributeNames: { '#capacity': 'capacity' },
            ExpressionAttributeValues: { ':one': 1, ':now': now },
          },
        },
      ];
      try {
        await writeTransaction(table, items);
        return 'signed_up';
      } catch (error) {
        if (!(error instanceof TransactionRefused)) throw error;
        if (error.failed(0)) return 'already';
        if (error.failed(1)) return 'refused';
        throw error;
      }
    },

    /**
     * Withdraws a sign-up before the start, freeing its place: the sign-up goes
     * and the count drops together, both as conditions. One checked in (or
     * credited) stays; a second withdrawal finds nothing to withdraw.
     */
    async cancelSignUp(
      communityId: string,
      activityId: string,
      userId: string,
      now: string,
    ): Promise<'cancelled' | 'not_signed_up' | 'checked_in' | 'started'> {
      try {
        await writeTransaction(table, [
          {
            Delete: {
              TableName,
              Key: signups.key({ communityId, activityId, userId }),
              ConditionExpression:
                'attribute_exists(pk) AND attribute_not_exists(checkedInAt) AND attribute_not_exists(attendedAt)',
            },
          },
          {
            Update: {
              TableName,
              Key: activities.key({ communityId, activityId }),
              UpdateExpression: 'ADD signedUp :minus',
              ConditionExpression: 'attribute_exists(pk) AND startsAt > :now AND signedUp > :zero',
              ExpressionAttributeValues: { ':minus': -1, ':now': now, ':zero': 0 },
            },
          },
        ]);
        return 'cancelled';
      } catch (error) {
        if (!(error instanceof TransactionRefused)) throw error;
        if (error.failed(0)) {
          const out = await table.doc.send(
            new GetCommand({
              TableName,
              Key: signups.key({ communityId, activityId, userId }),
              ConsistentRead: true,
            }),
          );
          return out.Item ? 'checked_in' : 'not_signed_up';
        }
        if (error.failed(1)) return 'started';
        throw error;
      }
    },

    /** Marks the check-in (the first one counts); false when the person has not signed up. */
    async checkIn(communityId: string, activityId: string, userId: string, at: string): Promise<boolean> {
      try {
        await writeTransaction(table, [
          {
            Update: {
              TableName,
              Key: signups.key({ communityId, activityId, userId }),
              UpdateExpression: 'SET checkedInAt = if_not_exists(checkedInAt, :at)',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':at': at },
            },
          },
        ]);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefused && error.failed(0)) return false;
        throw error;
      }
    },
  };
}

export type ActivitiesRepository = ReturnType<typeof createActivitiesRepository>;
