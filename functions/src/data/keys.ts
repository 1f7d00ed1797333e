/**
 * Keys of the kinds not yet declared as entities (the bulletins; see
 * `entity.ts` and TABLE.md for the rest). Partition keys carry the community
 * id wherever data belongs to a community.
 */
export const keys = {
  userPartition: (userId: string) => `USER#${userId}`,

  bulletin: (communityId: string, bulletinId: string) => ({
    pk: `COMM#${communityId}#BUL#${bulletinId}`,
    sk: 'BULLETIN',
  }),
  bulletinPartition: (communityId: string, bulletinId: string) => `COMM#${communityId}#BUL#${bulletinId}`,
  bulletinRevision: (communityId: string, bulletinId: string, revision: number) => ({
    pk: `COMM#${communityId}#BUL#${bulletinId}`,
    sk: `REV#${String(revision).padStart(4, '0')}`,
  }),
  bulletinRead: (communityId: string, bulletinId: string, userId: string) => ({
    pk: `COMM#${communityId}#BUL#${bulletinId}`,
    sk: `READ#${userId}`,
  }),
  /** The reader's side of a receipt, so a person's unread count is a key query. */
  readOfUser: (userId: string, communityId: string, bulletinId: string) => ({
    pk: `USER#${userId}`,
    sk: `READ#${communityId}#${bulletinId}`,
  }),
  bulletinFeed: (communityId: string) => `BULFEED#${communityId}`,
  bulletinTimeline: (communityId: string) => `BULTIME#${communityId}`,
  bulletinsByStatus: (communityId: string, status: string) => `BUL#${communityId}#${status}`,
  bulletinsDue: (communityId: string) => `BULDUE#${communityId}`,
  newsletter: (communityId: string, issueId: string) => ({ pk: `COMM#${communityId}#ISSUES`, sk: `ISSUE#${issueId}` }),
  newsletters: (communityId: string) => `COMM#${communityId}#ISSUES`,
} as const;

/** Time-sortable, URL-safe ids: 9 chars of time, 8 of randomness. */
export function newId(now: Date = new Date()): string {
  const time = now.getTime().toString(36).padStart(9, '0');
  const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => (b % 36).toString(36)).join('');
  return `${time}${random}`;
}
