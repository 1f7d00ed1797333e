import { afterEach, describe, expect, it, vi } from 'vitest';
import { MalformedItemError } from '../../functions/src/data/entity.js';
import { dataLogger } from '../../functions/src/data/log.js';
import { consents, inboxes, type MessageRecord, messages } from '../../functions/src/data/messages.js';
import { type PhotoCheckRecord, photoChecks } from '../../functions/src/data/photo-checks.js';

const pending: MessageRecord = {
  messageId: 'm1',
  userId: 'u1',
  kind: 'feedback_task',
  title: '新反映待受理',
  body: '…',
  link: null,
  communityId: 'chunhui',
  push: { template: 'feedback_task', page: 'pages/index', data: { thing1: '楼道' }, priority: 1 },
  createdAt: '2026-01-01T00:00:00.000Z',
  readAt: null,
  delivery: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-01-01T00:02:00.000Z',
};

describe('messages, inboxes and consents as entities', () => {
  afterEach(() => vi.restoreAllMocks());

  it('store a pending message in the person’s partition and on an outbox shard, without readAt', () => {
    // Act
    const item = messages.item(pending);
    // Assess
    expect(item.pk).toBe('USER#u1');
    expect(item.sk).toBe('MSG#m1');
    expect(item.kind).toBe('feedback_task');
    expect(item.gsi5pk).toMatch(/^OUTBOX#[0-3]$/);
    expect(item.gsi5sk).toBe('2026-01-01T00:02:00.000Z#MSG#u1#m1');
    expect(item.readAt).toBeUndefined();
    expect(messages.parse(item)).toEqual(pending);
  });

  it('keep a message WeChat will not carry off the outbox index', () => {
    // Act
    const item = messages.item({ ...pending, push: undefined, delivery: 'none', nextAttemptAt: null });
    // Assess
    expect(item.gsi5pk).toBeUndefined();
    expect(messages.parse(item).delivery).toBe('none');
  });

  it('read an inbox and a consent written by ADD alone (no kind, no other attribute)', () => {
    expect(inboxes.parse({ ...inboxes.key({ userId: 'u1' }), unread: 3 })).toEqual({ unread: 3, readAllBefore: null });
    expect(consents.parse({ ...consents.key({ userId: 'u1', template: 'feedback_task' }), count: 2 })).toEqual({
      count: 2,
    });
  });

  it('refuse a malformed message with its key, logged, never cast', () => {
    // Prepare
    const logged = vi.spyOn(dataLogger, 'error').mockImplementation(() => undefined);
    const item = { ...messages.item(pending), kind: 'no_such_kind' };
    // Act & Assess
    expect(() => messages.parse(item)).toThrow(MalformedItemError);
    expect(logged).toHaveBeenCalledWith('Malformed item', expect.objectContaining({ kind: 'message' }));
  });
});

describe('photo checks as an entity', () => {
  it('queue a check on an outbox shard and read it back', () => {
    // Prepare
    const check: PhotoCheckRecord = {
      photoKey: 'photos/chunhui/feedback/a.jpg',
      openid: null,
      owner: { pk: 'COMM#chunhui#FB#r1', sk: 'REPORT', versioned: true, notify: null },
      status: 'queued',
      attempts: 0,
      traceId: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      nextAttemptAt: '2026-01-01T00:02:00.000Z',
    };
    // Act
    const item = photoChecks.item(check);
    // Assess
    expect(item).toMatchObject({
      pk: 'PHOTOCHECK#photos/chunhui/feedback/a.jpg',
      sk: 'CHECK',
      kind: 'photo-check',
      gsi5sk: '2026-01-01T00:02:00.000Z#PHOTO#photos/chunhui/feedback/a.jpg',
    });
    expect(photoChecks.parse(item)).toEqual(check);
    expect(photoChecks.item({ ...check, status: 'checking' }).gsi5pk).toBeUndefined();
  });
});
