/**
 * Issues of the newsletter (睦邻服务报): a title, a cover and the articles
 * (bulletins of the `newsletter` kind) it collects, all in one partition of
 * the community.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { entity, stringSet } from '../entity.js';
import { type TransactItem, writeTransaction } from '../transactions.js';

export const NewsletterSchema = z.object({
  issueId: z.string(),
  title: z.string(),
  coverKey: z.string().nullable(),
  bulletinIds: z.array(z.string()),
  createdAt: z.string(),
  /** A cover WeChat's check judged risky (a string set, added by the verdict). */
  riskyPhotos: stringSet.optional(),
});
export type NewsletterRecord = z.infer<typeof NewsletterSchema>;

const ISSUES_PK = 'COMM#{communityId}#ISSUES';

/** An issue; written field by field, so its items have never carried a kind tag. */
export const newsletters = entity({
  kind: 'newsletter',
  tagged: false,
  doc: 'An issue of the newsletter (睦邻服务报): its title, cover and the bulletins it collects.',
  schema: NewsletterSchema,
  key: { pk: ISSUES_PK, sk: 'ISSUE#{issueId}' },
  patterns: {
    ofCommunity: { doc: "A community's issues (a few a year), oldest first.", index: 'table', pk: ISSUES_PK },
  },
});

export function createNewslettersRepository(table: TableRef) {
  const TableName = table.tableName;

  return {
    /**
     * An issue of the newsletter; its fields are set (never the verdicts'
     * marks), and `extra` (the cover's check) commits with it.
     */
    async putNewsletter(
      communityId: string,
      issue: Omit<NewsletterRecord, 'riskyPhotos'>,
      extra: readonly TransactItem[] = [],
    ) {
      await writeTransaction(table, [
        {
          Update: {
            TableName,
            Key: newsletters.key({ communityId, issueId: issue.issueId }),
            UpdateExpression:
              'SET title = :t, coverKey = :c, bulletinIds = :b, createdAt = if_not_exists(createdAt, :at), issueId = :id',
            ExpressionAttributeValues: {
              ':t': issue.title,
              ':c': issue.coverKey,
              ':b': issue.bulletinIds,
              ':at': issue.createdAt,
              ':id': issue.issueId,
            },
          },
        },
        ...extra,
      ]);
    },

    async newsletter(communityId: string, issueId: string): Promise<NewsletterRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: newsletters.key({ communityId, issueId }) }));
      return out.Item ? newsletters.parse(out.Item) : undefined;
    },

    newsletters(communityId: string): Promise<Omit<NewsletterRecord, 'bulletinIds'>[]> {
      return newsletters.all(table, 'ofCommunity', { communityId });
    },
  };
}
