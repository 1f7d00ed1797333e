import { blocksText } from '@linli/shared';
import type { BulletinRecord, FeedEntryRecord } from '../../data/bulletins.js';

/** What a feed lists of a published bulletin (apart from feed.ts, so a benchmark can load entries without the HTTP stack). */
export function feedEntry(b: BulletinRecord): FeedEntryRecord {
  return {
    bulletinId: b.bulletinId,
    title: b.title,
    kind: b.kind,
    // A street bulletin's copy has no cover of its own: its feed shows its first picture.
    coverKey: b.coverKey ?? (b.origin ? (b.blocks.find((x) => x.type === 'image')?.key ?? null) : null),
    ...(b.riskyPhotos?.length ? { riskyPhotos: b.riskyPhotos } : {}),
    excerpt: [...blocksText(b.blocks).replace(/\s+/g, ' ')].slice(0, 60).join(''),
    important: b.important,
    pinned: b.pinned,
    publishedAt: b.publishedAt ?? b.createdAt,
    ...(b.origin ? { fromStreet: b.origin.streetName } : {}),
  };
}
