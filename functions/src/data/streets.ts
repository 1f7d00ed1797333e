/**
 * The street level (街道) above the communities: a street lists its
 * communities on one item (tens at most), and a person's street roles sit in
 * their own partition beside their community memberships, so neither the
 * street's pages nor its access checks ever scan.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { STREET_ROLES } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { INDEX } from './table-definition.js';

export const StreetSchema = z.object({
  streetId: z.string(),
  name: z.string(),
  district: z.string(),
  communities: z.array(z.object({ communityId: z.string(), name: z.string() })),
});
export type StreetRecord = z.infer<typeof StreetSchema>;

export const streets = entity({
  kind: 'street',
  doc: 'A street office (街道) and the communities it oversees.',
  schema: StreetSchema,
  key: { pk: 'STREET#{streetId}', sk: 'STREET' },
});

export const StreetMembershipSchema = z.object({
  userId: z.string(),
  streetId: z.string(),
  streetName: z.string(),
  /** A string set in the table; sorted here. */
  roles: z.preprocess((v) => (v instanceof Set ? [...v].sort() : v), z.array(z.enum(STREET_ROLES))),
});
export type StreetMembershipRecord = z.infer<typeof StreetMembershipSchema>;

export const streetMemberships = entity({
  kind: 'street-membership',
  doc:
    "A person's roles over a street (街道管理员), in their own partition beside their community memberships " +
    '(`MEMBERSTREET#` sorts between `MEMBER#` and `PROFILE`, so /v1/me reads it in the same query).',
  schema: StreetMembershipSchema,
  key: { pk: 'USER#{userId}', sk: 'MEMBERSTREET#{streetId}' },
  indexes: { [INDEX.gsi1]: { pk: 'STREETSTAFF#{streetId}', sk: '{userId}' } },
  patterns: {
    members: {
      doc: "A street's staff: who hears of a case escalated to the street (吹哨).",
      index: INDEX.gsi1,
      pk: 'STREETSTAFF#{streetId}',
    },
  },
  toItem: (m) => ({ roles: new Set(m.roles) }),
});

export function createStreetsRepository(table: TableRef) {
  const TableName = table.tableName;
  return {
    async get(streetId: string): Promise<StreetRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: streets.key({ streetId }) }));
      return out.Item ? streets.parse(out.Item) : undefined;
    },

    async membership(userId: string, streetId: string): Promise<StreetMembershipRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: streetMemberships.key({ userId, streetId }) }));
      return out.Item ? streetMemberships.parse(out.Item) : undefined;
    },

    /** The street admins (their user ids): who hears of a case escalated to the street. */
    async adminIds(streetId: string): Promise<string[]> {
      return (await streetMemberships.all(table, 'members', { streetId }))
        .filter((m) => m.roles.includes('street_admin'))
        .map((m) => m.userId);
    },

    /** Seeding and the district's set-up: a street with its communities, written whole. */
    async put(street: StreetRecord): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: streets.item(street) }));
    },

    async putMembership(m: StreetMembershipRecord): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: streetMemberships.item(m) }));
    },
  };
}

export type StreetsRepository = ReturnType<typeof createStreetsRepository>;
