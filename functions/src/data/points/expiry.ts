/** Yearly expiry of points: the progress of one year's run in a community, resumable and done once. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { entity } from '../entity.js';
import { type AccountState, balanceWrites, type LedgerRecord } from './ledger.js';
import { pointsTransactions } from './refusals.js';

export const ExpiryRunSchema = z.object({
  communityId: z.string(),
  year: z.number(),
  /** Where the walk over the accounts stopped; null when it has not started or is done. */
  cursor: z.string().nullable(),
  done: z.boolean(),
  accounts: z.number(),
  points: z.number(),
  updatedAt: z.string(),
});
export type ExpiryRunRecord = z.infer<typeof ExpiryRunSchema>;

export const expiryRuns = entity({
  kind: 'expiry',
  doc: "Progress of one year's expiry in a community: where the walk over the accounts stopped.",
  schema: ExpiryRunSchema,
  key: { pk: 'COMM#{communityId}#EXPIRY', sk: 'YEAR#{year}' },
});

export function createExpiryRunsRepository(table: TableRef) {
  const TableName = table.tableName;
  const { run } = pointsTransactions(table);
  const writes = balanceWrites(TableName);
  return {
    /**
     * An `expire` entry, written only if the account is still the one the
     * amount was worked out from; its fixed key makes it once per account and year.
     */
    expire(input: { entry: LedgerRecord; account: AccountState; done: () => Error }) {
      const e = input.entry;
      return run(
        [{ item: writes.ledgerItem(e, input.account).item, refusal: input.done }, writes.accountItem(e, input.account)],
        undefined,
      );
    },

    async expiryRun(communityId: string, year: number): Promise<ExpiryRunRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: expiryRuns.key({ communityId, year }), ConsistentRead: true }),
      );
      return out.Item ? expiryRuns.parse(out.Item) : undefined;
    },

    async saveExpiryRun(run: ExpiryRunRecord): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: expiryRuns.item(run) }));
    },
  };
}
