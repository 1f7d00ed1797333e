/**
 * Departments and co-building units (部门报到): a unit is an account of its
 * own under a street, with a service area; its members hold `unit_staff` in
 * their own partition (beside their community and street roles), and the
 * unit's member list is one index partition, so dispatching to a unit tells
 * its members without a scan.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { UNIT_KINDS, UNIT_ROLES } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { INDEX } from './table-definition.js';

export const UnitSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  /** A department, a utility, a school…: `unitKind`, since every item's `kind` names its item kind. */
  unitKind: z.enum(UNIT_KINDS),
  streetId: z.string(),
  /** The service area: the communities that may dispatch to it (tens at most). */
  communities: z.array(z.object({ communityId: z.string(), name: z.string() })),
});
export type UnitRecord = z.infer<typeof UnitSchema>;

export const units = entity({
  kind: 'unit',
  doc: 'A department or co-building unit (部门 / 共建单位) under a street, with its service area.',
  schema: UnitSchema,
  key: { pk: 'UNIT#{unitId}', sk: 'UNIT' },
  indexes: { [INDEX.gsi1]: { pk: 'UNITS#{streetId}', sk: '{unitId}' } },
  patterns: {
    ofStreet: {
      doc: "A street's units: the dispatch pickers of the street and its communities.",
      index: INDEX.gsi1,
      pk: 'UNITS#{streetId}',
    },
  },
});

export const UnitMembershipSchema = z.object({
  userId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** A string set in the table; sorted here. */
  roles: z.preprocess((v) => (v instanceof Set ? [...v].sort() : v), z.array(z.enum(UNIT_ROLES))),
});
export type UnitMembershipRecord = z.infer<typeof UnitMembershipSchema>;

export const unitMemberships = entity({
  kind: 'unit-membership',
  doc:
    "A person's role in a unit (单位人员), in their own partition (`MEMBERUNIT#` sorts after `MEMBERSTREET#` and " +
    'before `PROFILE`, so /v1/me reads it in the same query); the unit lists its members on gsi1.',
  schema: UnitMembershipSchema,
  key: { pk: 'USER#{userId}', sk: 'MEMBERUNIT#{unitId}' },
  indexes: { [INDEX.gsi1]: { pk: 'UNITSTAFF#{unitId}', sk: '{userId}' } },
  patterns: {
    members: {
      doc: "A unit's members: who hears of what is dispatched to it.",
      index: INDEX.gsi1,
      pk: 'UNITSTAFF#{unitId}',
    },
  },
  toItem: (m) => ({ roles: new Set(m.roles) }),
});

export const UnitInviteSchema = z.object({
  code: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  streetId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Epoch seconds: the table's TTL takes it away; a read after it refuses it too. */
  expiresAt: z.number(),
  /** How many times it was redeemed (a code serves all of the unit's staff); absent on codes written before the count. */
  uses: z.number().int().default(0),
});
export type UnitInviteRecord = z.infer<typeof UnitInviteSchema>;

export const unitInvites = entity({
  kind: 'unit-invite',
  doc: 'A code the street gives a unit’s staff to join it (加入单位), valid 7 days (TTL), for any of them.',
  schema: UnitInviteSchema,
  key: { pk: 'UNITINVITE#{code}', sk: 'INVITE' },
  // Codes written before this index key existed are missing from the list (they lapse within 7 days anyway);
  // the local stack reseeds on its first start.
  indexes: { [INDEX.gsi1]: { pk: 'UNITINVITES#{unitId}', sk: '{createdAt}#{code}' } },
  patterns: {
    ofUnit: {
      doc: "A unit's codes, newest first: the street's list of open ones, each revocable (撤销).",
      index: INDEX.gsi1,
      pk: 'UNITINVITES#{unitId}',
      descending: true,
    },
  },
});

export function createUnitsRepository(table: TableRef) {
  const TableName = table.tableName;
  return {
    async get(unitId: string): Promise<UnitRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: units.key({ unitId }) }));
      return out.Item ? units.parse(out.Item) : undefined;
    },

    /** A street's units, by id. */
    async ofStreet(streetId: string): Promise<UnitRecord[]> {
      return units.all(table, 'ofStreet', { streetId });
    },

    async membership(userId: string, unitId: string): Promise<UnitMembershipRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: unitMemberships.key({ userId, unitId }) }));
      return out.Item ? unitMemberships.parse(out.Item) : undefined;
    },

    /** Who works for the unit (their user ids). */
    async memberIds(unitId: string): Promise<string[]> {
      return (await unitMemberships.all(table, 'members', { unitId })).map((m) => m.userId);
    },

    /** Seeding and the district's set-up: a unit written whole. */
    async put(unit: UnitRecord): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: units.item(unit) }));
    },

    async putMembership(m: UnitMembershipRecord): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: unitMemberships.item(m) }));
    },

    /** Who works for the unit, with their roles. */
    async members(unitId: string): Promise<UnitMembershipRecord[]> {
      return unitMemberships.all(table, 'members', { unitId });
    },

    /** Takes a person out of a unit; false when they were not in it. */
    async removeMembership(userId: string, unitId: string): Promise<boolean> {
      try {
        await table.doc.send(
          new DeleteCommand({
            TableName,
            Key: unitMemberships.key({ userId, unitId }),
            ConditionExpression: 'attribute_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    /** A new invite; false when the (random) code is taken already. */
    async putInvite(invite: UnitInviteRecord): Promise<boolean> {
      try {
        await table.doc.send(
          new PutCommand({
            TableName,
            Item: unitInvites.item(invite),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    /** The unit's codes still good at `now` (epoch seconds), newest first: one query of its gsi1 partition. */
    async openInvites(unitId: string, now: number): Promise<UnitInviteRecord[]> {
      return unitInvites.all(
        table,
        'ofUnit',
        { unitId },
        {
          filter: { expression: '#expiresAt > :now', names: { '#expiresAt': 'expiresAt' }, values: { ':now': now } },
        },
      );
    },

    /**
     * Counts one use of a code still good at `now` (epoch seconds) and answers it; undefined when it is unknown,
     * revoked (deleted) or past its time. The condition holds the use and a revocation apart.
     */
    async redeemInvite(code: string, now: number): Promise<UnitInviteRecord | undefined> {
      try {
        const out = await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: unitInvites.key({ code }),
            UpdateExpression: 'ADD #uses :one',
            ConditionExpression: 'attribute_exists(pk) AND #expiresAt > :now',
            ExpressionAttributeNames: { '#uses': 'uses', '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':one': 1, ':now': now },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes ? unitInvites.parse(out.Attributes) : undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },

    /** Revokes (deletes) the unit's code still good at `now`; false when it is unknown, another unit's, gone or past. */
    async revokeInvite(code: string, unitId: string, now: number): Promise<boolean> {
      try {
        await table.doc.send(
          new DeleteCommand({
            TableName,
            Key: unitInvites.key({ code }),
            ConditionExpression: 'attribute_exists(pk) AND #unitId = :unitId AND #expiresAt > :now',
            ExpressionAttributeNames: { '#unitId': 'unitId', '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':unitId': unitId, ':now': now },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}

export type UnitsRepository = ReturnType<typeof createUnitsRepository>;
