/**
 * Volunteer activities and their sign-ups. An activity's sign-ups live in its
 * own partition; a sign-up is the once-per-person record that check-in and the
 * attendance credit (data/points.ts `creditVolunteer`) mark.
 */
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { queryAll } from './query.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

export interface ActivityRecord {
  activityId: string;
  communityId: string;
  title: string;
  description: string;
  /** Shanghai date and wall-clock times, as the admin entered them. */
  date: string;
  startTime: string;
  endTime: string;
  /** The same as UTC instants. */
  startsAt: string;
  endsAt: string;
  place: string;
  points: number;
  capacity: number;
  signedUp: number;
  organiserId: string;
  createdBy: string;
  createdAt: string;
}

export interface SignupRecord {
  communityId: string;
  activityId: string;
  userId: string;
  signedUpAt: string;
  checkedInAt?: string;
  attendedAt?: string;
  attendedBy?: string;
  creditedPoints?: number;
  creditEntryId?: string;
}

const INTERNAL = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'kind'];
function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const name of INTERNAL) delete copy[name];
  return copy as T;
}

export function createActivitiesRepository(table: TableRef) {
  const TableName = table.tableName;

  const activityItem = (a: ActivityRecord) => ({
    ...keys.activity(a.communityId, a.activityId),
    kind: 'activity',
    ...a,
    // Ordered by when they end: what is still to come (or going on) is everything ending after now.
    gsi1pk: keys.activitiesOfCommunity(a.communityId),
    gsi1sk: `${a.endsAt}#${a.activityId}`,
  });

  return {
    /** A new activity; a repeated `Idempotency-Key` gives back the first one's id. */
    async create(a: ActivityRecord, idem: Idempotency, now: Date): Promise<string> {
      try {
        await writeTransaction(table, [
          idempotencyPut(table, idem, { activityId: a.activityId }, now),
          { Put: { TableName, Item: activityItem(a), ConditionExpression: 'attribute_not_exists(pk)' } },
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
      await writeTransaction(table, [{ Put: { TableName, Item: activityItem(a) } }]);
    },

    async get(communityId: string, activityId: string): Promise<ActivityRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.activity(communityId, activityId), ConsistentRead: true }),
      );
      return out.Item ? strip<ActivityRecord>(out.Item) : undefined;
    },

    /** Upcoming and ongoing (ending after `now`, soonest first) or past (newest first). */
    async list(communityId: string, when: 'upcoming' | 'past', now: string, cursor: string | undefined, limit: number) {
      const gsi1pk = keys.activitiesOfCommunity(communityId);
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression:
            when === 'upcoming' ? 'gsi1pk = :pk AND gsi1sk > :now' : 'gsi1pk = :pk AND gsi1sk < :now',
          ExpressionAttributeValues: { ':pk': gsi1pk, ':now': now },
          ExclusiveStartKey: decodeCursor(cursor, { gsi1pk }),
          ScanIndexForward: when === 'upcoming',
          Limit: limit,
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => strip<ActivityRecord>(i)),
        cursor: encodeCursor(out.LastEvaluatedKey),
      };
    },

    async getSignup(communityId: string, activityId: string, userId: string): Promise<SignupRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.activitySignup(communityId, activityId, userId), ConsistentRead: true }),
      );
      return out.Item ? strip<SignupRecord>(out.Item) : undefined;
    },

    /** The caller's sign-ups among a page of activities, one batch read. */
    async signupsOf(
      communityId: string,
      activityIds: readonly string[],
      userId: string,
    ): Promise<Map<string, SignupRecord>> {
      const found = new Map<string, SignupRecord>();
      if (activityIds.length === 0) return found;
      let request: Record<string, unknown>[] | undefined = activityIds.map((id) =>
        keys.activitySignup(communityId, id, userId),
      );
      while (request?.length) {
        const out = await table.doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: request } } }));
        for (const item of out.Responses?.[TableName] ?? []) {
          const s = strip<SignupRecord>(item);
          found.set(s.activityId, s);
        }
        request = out.UnprocessedKeys?.[TableName]?.Keys as Record<string, unknown>[] | undefined;
      }
      return found;
    },

    /** Everyone signed up for an activity (bounded by its capacity). */
    async signups(communityId: string, activityId: string): Promise<SignupRecord[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :signup)',
        ExpressionAttributeValues: { ':pk': keys.activityPartition(communityId, activityId), ':signup': 'SIGNUP#' },
        ConsistentRead: true,
      });
      return items.map((i) => strip<SignupRecord>(i));
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
            Item: { ...keys.activitySignup(s.communityId, s.activityId, s.userId), kind: 'signup', ...s },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName,
            Key: keys.activity(s.communityId, s.activityId),
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
              Key: keys.activitySignup(communityId, activityId, userId),
              ConditionExpression:
                'attribute_exists(pk) AND attribute_not_exists(checkedInAt) AND attribute_not_exists(attendedAt)',
            },
          },
          {
            Update: {
              TableName,
              Key: keys.activity(communityId, activityId),
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
              Key: keys.activitySignup(communityId, activityId, userId),
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
              Key: keys.activitySignup(communityId, activityId, userId),
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
