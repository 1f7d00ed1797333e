import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { entity, fill, MalformedItemError, stringSet } from '../../functions/src/data/entity.js';
import { dataLogger } from '../../functions/src/data/log.js';
import { redemptions } from '../../functions/src/data/points/redemptions.js';
import { rewards } from '../../functions/src/data/points/rewards.js';
import { INDEX, KEY_ATTRIBUTES, tableDefinition } from '../../functions/src/data/table-definition.js';

const notes = entity({
  kind: 'note',
  doc: 'A test note.',
  schema: z.object({ communityId: z.string(), noteId: z.string(), status: z.enum(['open', 'done']), at: z.string() }),
  key: { pk: 'COMM#{communityId}#NOTE#{noteId}', sk: 'NOTE' },
  indexes: {
    [INDEX.gsi2]: { pk: 'NOTES#{communityId}#{status}', sk: '{at}#{noteId}' },
    [INDEX.gsi5]: { pk: 'NOTESDUE#{communityId}', sk: '{at}', when: (n: { status: string }) => n.status === 'open' },
  },
  patterns: {
    byStatus: { doc: 'Notes of a status.', index: INDEX.gsi2, pk: 'NOTES#{communityId}#{status}' },
  },
});

const note = { communityId: 'c1', noteId: 'n1', status: 'open' as const, at: '2026-01-01T00:00:00.000Z' };

describe('an entity declared once', () => {
  afterEach(() => vi.restoreAllMocks());

  it('builds the stored item from its key templates, index keys and kind', () => {
    // Act
    const item = notes.item(note);
    // Assess
    expect(item).toEqual({
      pk: 'COMM#c1#NOTE#n1',
      sk: 'NOTE',
      kind: 'note',
      ...note,
      gsi2pk: 'NOTES#c1#open',
      gsi2sk: '2026-01-01T00:00:00.000Z#n1',
      gsi5pk: 'NOTESDUE#c1',
      gsi5sk: '2026-01-01T00:00:00.000Z',
    });
  });

  it('leaves a sparse index out when its condition says no', () => {
    const item = notes.item({ ...note, status: 'done' });
    expect(item.gsi5pk).toBeUndefined();
    expect(item.gsi5sk).toBeUndefined();
    expect(item.gsi2pk).toBe('NOTES#c1#done');
  });

  it('reads back exactly the record: keys and kind stripped', () => {
    expect(notes.parse(notes.item(note))).toEqual(note);
  });

  it('refuses a malformed item with a logged error naming the kind, the key and the field', () => {
    // Prepare
    const logged = vi.spyOn(dataLogger, 'error').mockImplementation(() => undefined);
    // Act
    const read = () => notes.parse({ ...notes.item(note), status: 'lost' });
    // Assess
    expect(read).toThrowError(MalformedItemError);
    expect(read).toThrowError(expect.objectContaining({ kind: 'note', key: { pk: 'COMM#c1#NOTE#n1', sk: 'NOTE' } }));
    expect(logged).toHaveBeenCalledWith(
      'Malformed item',
      expect.objectContaining({
        kind: 'note',
        key: { pk: 'COMM#c1#NOTE#n1', sk: 'NOTE' },
        issues: [expect.objectContaining({ path: ['status'] })],
      }),
    );
  });

  it('builds a key from the composites it names', () => {
    expect(notes.key({ communityId: 'c1', noteId: 'n9' })).toEqual({ pk: 'COMM#c1#NOTE#n9', sk: 'NOTE' });
    expect(notes.partition('byStatus', { communityId: 'c1', status: 'done' })).toBe('NOTES#c1#done');
  });

  it('never writes a key with a hole in it', () => {
    expect(() => fill('COMM#{communityId}', {})).toThrowError(/communityId/);
  });

  it('refuses an access pattern over a key it does not declare', () => {
    expect(() =>
      entity({
        kind: 'bad',
        doc: 'x',
        schema: z.object({ a: z.string() }),
        key: { pk: 'A#{a}', sk: 'A' },
        patterns: { lost: { doc: 'x', index: INDEX.gsi3, pk: 'A#{a}' } },
      }),
    ).toThrowError(/bad\.lost/);
  });

  it('reads a string set back as a list and writes a list as a set', () => {
    const reward = {
      rewardId: 'r1',
      communityId: 'c1',
      name: '肥皂',
      description: '',
      pointsCost: 10,
      imageKey: null,
      monthlyLimit: null,
      active: true,
      riskyPhotos: ['photos/c1/reward/a.jpg'],
    };
    const item = rewards.item(reward);
    expect(item.riskyPhotos).toEqual(new Set(['photos/c1/reward/a.jpg']));
    expect(rewards.parse(item)).toEqual(reward);
    expect(stringSet.parse(['x'])).toEqual(['x']);
  });

  it('keeps a redemption in the due index only while reserved', () => {
    const r = {
      redemptionId: 'x1',
      communityId: 'c1',
      userId: 'u1',
      residentName: '张三',
      stationId: 's1',
      stationName: '站',
      items: [{ rewardId: 'r1', name: '肥皂', quantity: 1, pointsCost: 10, monthlyLimit: null }],
      totalPoints: 10,
      status: 'reserved' as const,
      month: '2026-01',
      createdAt: '2026-01-01T00:00:00.000Z',
      windowClosesAt: '2026-01-01T08:00:00.000Z',
      fulfilledAt: null,
      fulfilledBy: null,
      cancelledAt: null,
      cancelReason: null,
    };
    expect(redemptions.item(r)).toMatchObject({
      gsi2sk: 'reserved#2026-01-01T00:00:00.000Z#x1',
      gsi5pk: 'REDDUE#c1',
      gsi5sk: '2026-01-01T08:00:00.000Z#x1',
    });
    expect(redemptions.item({ ...r, status: 'fulfilled' }).gsi5pk).toBeUndefined();
  });
});

describe('an index carrying one of several sparse keys', () => {
  const tasks = entity({
    kind: 'task',
    doc: 'A test task, waiting in one of two queues of the same index.',
    schema: z.object({ taskId: z.string(), state: z.enum(['due', 'retry', 'done']), at: z.string() }),
    key: { pk: 'TASK#{taskId}', sk: 'TASK' },
    indexes: {
      [INDEX.gsi5]: [
        { pk: 'DUE', sk: '{at}#{taskId}', when: (t: { state: string }) => t.state === 'due' },
        { pk: 'RETRY', sk: '{at}#{taskId}', when: (t: { state: string }) => t.state !== 'done' },
      ],
    },
    patterns: {
      due: { doc: 'Due ones.', index: INDEX.gsi5, pk: 'DUE' },
      retries: { doc: 'Retries.', index: INDEX.gsi5, pk: 'RETRY' },
    },
  });
  const task = { taskId: 't1', state: 'due' as const, at: '2026-01-01T00:00:00.000Z' };

  it('takes the first key whose condition holds, and none when no condition does', () => {
    expect(tasks.item(task)).toMatchObject({ gsi5pk: 'DUE', gsi5sk: '2026-01-01T00:00:00.000Z#t1' });
    expect(tasks.item({ ...task, state: 'retry' })).toMatchObject({ gsi5pk: 'RETRY' });
    expect(tasks.item({ ...task, state: 'done' }).gsi5pk).toBeUndefined();
  });

  it('accepts a pattern over any of the keys and names the index when asked to set it as one key', () => {
    expect(tasks.partition('retries', {})).toBe('RETRY');
    expect(() => tasks.indexKey(INDEX.gsi5, {} as never)).toThrowError(/task: gsi5 carries several keys/);
  });
});

describe('index keys with composites of the parent', () => {
  it('fills them from the parent as the primary key is', () => {
    const lines = entity({
      kind: 'line',
      doc: 'A test line of an order.',
      schema: z.object({ lineId: z.string() }),
      key: { pk: 'ORDER#{orderId}', sk: 'LINE#{lineId}' },
      indexes: { [INDEX.gsi1]: { pk: 'SHOP#{shopId}', sk: '{lineId}' } },
    });
    expect(lines.item({ lineId: 'l1' }, { orderId: 'o1', shopId: 's1' })).toEqual({
      pk: 'ORDER#o1',
      sk: 'LINE#l1',
      kind: 'line',
      lineId: 'l1',
      gsi1pk: 'SHOP#s1',
      gsi1sk: 'l1',
    });
  });
});

describe('the table definition', () => {
  it('names every index once, as a constant', () => {
    expect(Object.values(INDEX)).toEqual(tableDefinition.globalIndexes.map((i) => i.name));
    expect(KEY_ATTRIBUTES).toEqual([
      'pk',
      'sk',
      'gsi1pk',
      'gsi1sk',
      'gsi2pk',
      'gsi2sk',
      'gsi3pk',
      'gsi3sk',
      'gsi4pk',
      'gsi4sk',
      'gsi5pk',
      'gsi5sk',
    ]);
  });
});
