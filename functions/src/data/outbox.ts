/**
 * The outbox partitions of gsi5, shared by every kind WeChat must hear of after a commit (messages, photo
 * checks): spread over a few partitions so a busy exchange day writes to more than one. Each kind declares the
 * index with `OUTBOX_PK` and `outboxShard` of its id as the `shard` composite.
 */
const OUTBOX_SHARDS = 4;

export const OUTBOX_PK = 'OUTBOX#{shard}';

/** The shard of an entry's id (`MSG#<userId>#<messageId>`, `PHOTO#<photoKey>`). */
export function outboxShard(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % OUTBOX_SHARDS;
}

/** Every shard, for the sweep that reads them all. */
export const OUTBOX_SHARD_LIST = Array.from({ length: OUTBOX_SHARDS }, (_, i) => i);
