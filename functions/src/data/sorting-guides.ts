/**
 * A community's side of the sorting guide (这个怎么分): which names it shows the four categories by, and its
 * admins' local entries, on one item of its own partition (a few hundred short entries at most, far below
 * DynamoDB's 400 KB). The shipped list lives in `@linli/shared/sorting`, on the phone.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SORTING_CATEGORIES, SORTING_STANDARDS } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';

export const SortingGuideSchema = z.object({
  communityId: z.string(),
  standard: z.enum(SORTING_STANDARDS),
  entries: z.array(
    z.object({
      name: z.string(),
      aliases: z.array(z.string()),
      category: z.enum(SORTING_CATEGORIES),
      note: z.string().nullable(),
    }),
  ),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type SortingGuideRecord = z.infer<typeof SortingGuideSchema>;

export const sortingGuides = entity({
  kind: 'sorting-guide',
  doc: "A community's sorting-guide standard (national or Shanghai names) and its admins' local entries.",
  schema: SortingGuideSchema,
  key: { pk: 'COMM#{communityId}#SORTING', sk: 'GUIDE' },
});

export function createSortingGuidesRepository(table: TableRef) {
  const TableName = table.tableName;
  return {
    async get(communityId: string): Promise<SortingGuideRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: sortingGuides.key({ communityId }) }));
      return out.Item ? sortingGuides.parse(out.Item) : undefined;
    },

    /** Writes `next` only if the guide is still at `expectedVersion` (0: none yet); false when it moved. */
    async replace(next: SortingGuideRecord, expectedVersion: number): Promise<boolean> {
      try {
        await table.doc.send(
          new PutCommand({
            TableName,
            Item: sortingGuides.item(next),
            ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : '#v = :expected',
            ...(expectedVersion === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#v': 'version' },
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                }),
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

export type SortingGuidesRepository = ReturnType<typeof createSortingGuidesRepository>;
