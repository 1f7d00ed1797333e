/**
 * The bulletins' items, now built from their declarations, are the items the
 * table already holds: the same keys, attribute names and sparse index
 * membership as the hand-built ones (the expected items below are what those wrote).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BulletinRecord, bulletinRevisions, bulletins } from '../../functions/src/data/bulletins/bulletin.js';
import { feedBackfills, feedEntries } from '../../functions/src/data/bulletins/feed.js';
import { newsletters } from '../../functions/src/data/bulletins/newsletters.js';
import { bulletinReads, readsOfUser } from '../../functions/src/data/bulletins/reads.js';
import { MalformedItemError } from '../../functions/src/data/entity.js';
import { dataLogger } from '../../functions/src/data/log.js';

const CREATED = '2026-03-01T01:00:00.000Z';
const PUBLISHED = '2026-03-02T02:00:00.000Z';

const draft: BulletinRecord = {
  bulletinId: 'b1',
  communityId: 'chunhui',
  title: '停水通知',
  kind: 'notice',
  coverKey: null,
  source: '周五停水。',
  blocks: [{ type: 'paragraph', inlines: [{ text: '周五停水。' }] }],
  audience: { type: 'estates', estateIds: ['chunhui-yuan'] },
  important: false,
  pinned: false,
  publishAt: null,
  publishedAt: null,
  status: 'draft',
  revision: 1,
  version: 1,
  authorId: 'u-admin',
  authorName: '赵建华',
  approverId: null,
  approverName: null,
  rejectReason: null,
  readCount: 0,
  activityId: null,
  issueId: null,
  createdAt: CREATED,
  updatedAt: CREATED,
};

const KEY = { pk: 'COMM#chunhui#BUL#b1', sk: 'BULLETIN' };
const AUDIENCE = { audienceType: 'estates', audienceEstates: ['chunhui-yuan'], audienceGrids: [] };

describe('a bulletin item', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is a draft with its flat audience and the by-status index alone', () => {
    expect(bulletins.item(draft)).toEqual({
      ...KEY,
      ...draft,
      ...AUDIENCE,
      gsi3pk: 'BUL#chunhui#draft',
      gsi3sk: `${CREATED}#b1`,
    });
  });

  it('waits in the due index while approved with a publication time, even with feed entries to sync', () => {
    const approved: BulletinRecord = { ...draft, status: 'approved', publishAt: PUBLISHED };
    expect(bulletins.item(approved)).toEqual({
      ...KEY,
      ...approved,
      ...AUDIENCE,
      gsi3pk: 'BUL#chunhui#approved',
      gsi3sk: `${CREATED}#b1`,
      gsi5pk: 'BULDUE#chunhui',
      gsi5sk: `${PUBLISHED}#b1`,
    });
    expect(bulletins.item({ ...approved, feedSync: 'pending' })).toMatchObject({
      gsi5pk: 'BULDUE#chunhui',
      gsi5sk: `${PUBLISHED}#b1`,
    });
  });

  it('once published is on the timeline, in the feed-sync and announce queues, with its risky photos as a set', () => {
    const published: BulletinRecord = {
      ...draft,
      audience: { type: 'grids', gridIds: ['chunhui-g1'] },
      important: true,
      status: 'published',
      publishedAt: PUBLISHED,
      updatedAt: PUBLISHED,
      announce: 'pending',
      feedSync: 'pending',
      riskyPhotos: ['photos/chunhui/bulletin/2026-03/a.jpg'],
    };
    const order = `${PUBLISHED}#b1`;
    expect(bulletins.item(published)).toEqual({
      ...KEY,
      ...published,
      riskyPhotos: new Set(['photos/chunhui/bulletin/2026-03/a.jpg']),
      audienceType: 'grids',
      audienceEstates: [],
      audienceGrids: ['chunhui-g1'],
      gsi2pk: 'BULTIME#chunhui',
      gsi2sk: order,
      gsi3pk: 'BUL#chunhui#published',
      gsi3sk: `${PUBLISHED}#b1`,
      gsi4pk: 'BULANNOUNCE#chunhui',
      gsi4sk: order,
      gsi5pk: 'BULFANOUT#chunhui',
      gsi5sk: order,
    });
  });

  it('stores no risky photos at all rather than an empty set, and reads a set back as a list', () => {
    // Undefined, so the document client (removeUndefinedValues) writes no attribute.
    expect(bulletins.item({ ...draft, riskyPhotos: [] }).riskyPhotos).toBeUndefined();
    const stored = { ...bulletins.item(draft), riskyPhotos: new Set(['photos/x/bulletin/2026-03/b.png']) };
    expect(bulletins.parse(stored)).toEqual({ ...draft, riskyPhotos: ['photos/x/bulletin/2026-03/b.png'] });
  });

  it('reads back exactly the record: keys, index keys and the flat audience left out', () => {
    expect(bulletins.parse(bulletins.item({ ...draft, status: 'approved', publishAt: PUBLISHED }))).toEqual({
      ...draft,
      status: 'approved',
      publishAt: PUBLISHED,
    });
  });

  it('refuses a malformed item with a logged error instead of casting it', () => {
    // Prepare
    const logged = vi.spyOn(dataLogger, 'error').mockImplementation(() => undefined);
    // Act
    const read = () => bulletins.parse({ ...bulletins.item(draft), status: 'lost', audience: { type: 'street' } });
    // Assess
    expect(read).toThrowError(MalformedItemError);
    expect(logged).toHaveBeenCalledWith(
      'Malformed item',
      expect.objectContaining({
        kind: 'bulletin',
        key: KEY,
        issues: expect.arrayContaining([
          expect.objectContaining({ path: ['status'] }),
          expect.objectContaining({ path: ['audience', 'type'] }),
        ]),
      }),
    );
  });

  it('keeps a replaced text as a revision with a 4-digit number, without marks or index keys', () => {
    const { riskyPhotos: _marks, ...text } = { ...draft, status: 'published' as const, revision: 3 };
    expect(bulletinRevisions.item({ ...text, savedAt: PUBLISHED })).toEqual({
      pk: 'COMM#chunhui#BUL#b1',
      sk: 'REV#0003',
      ...text,
      savedAt: PUBLISHED,
    });
  });
});

describe('the other bulletin items', () => {
  const read = { userId: 'u-wang', at: PUBLISHED, estateId: 'chunhui-yuan', buildingId: 'chunhui-3', gridId: null };

  it('writes a receipt on both sides with the keys the unread badge and the figures read', () => {
    expect(bulletinReads.item(read, { communityId: 'chunhui', bulletinId: 'b1' })).toEqual({
      pk: 'COMM#chunhui#BUL#b1',
      sk: 'READ#u-wang',
      ...read,
    });
    expect(
      readsOfUser.item(
        { bulletinId: 'b1', publishedAt: PUBLISHED, at: PUBLISHED },
        { userId: 'u-wang', communityId: 'chunhui' },
      ),
    ).toEqual({ pk: 'USER#u-wang', sk: 'READ#chunhui#b1', bulletinId: 'b1', publishedAt: PUBLISHED, at: PUBLISHED });
  });

  it("lists a feed entry in its unit's feed and the unit's feed of its kind, pinned first", () => {
    const entry = {
      bulletinId: 'b1',
      title: '停水通知',
      kind: 'notice' as const,
      coverKey: null,
      excerpt: '周五停水。',
      important: false,
      pinned: true,
      publishedAt: PUBLISHED,
    };
    const item = feedEntries.item(entry, { communityId: 'chunhui', unit: 'B#chunhui-3' });
    expect(item).toEqual({
      pk: 'COMM#chunhui#BUL#b1',
      sk: 'FEED#B#chunhui-3',
      ...entry,
      gsi1pk: 'BULFEED#chunhui#B#chunhui-3',
      gsi1sk: `1#${PUBLISHED}#b1`,
      gsi2pk: 'BULFEED#chunhui#B#chunhui-3#K#notice',
      gsi2sk: `1#${PUBLISHED}#b1`,
    });
    // Its readers' marks and the bulletin's version are the entry's own attributes, never part of the record.
    expect(feedEntries.parse({ ...item, version: 4, 'read:u-wang': true })).toEqual(entry);
  });

  it('marks a backfilled community with a key alone, and keys an issue of the newsletter by the community', () => {
    expect(feedBackfills.item({}, { communityId: 'chunhui' })).toEqual({ pk: 'BULFEED#chunhui#BACKFILL', sk: 'DONE' });
    expect(newsletters.key({ communityId: 'chunhui', issueId: 'i1' })).toEqual({
      pk: 'COMM#chunhui#ISSUES',
      sk: 'ISSUE#i1',
    });
  });
});
