import { describe, expect, it } from 'vitest';
import { newId } from '../../functions/src/data/keys.js';
import { decodeCursor, encodeCursor } from '../../functions/src/data/paging.js';

describe('cursors', () => {
  it('round-trips a last evaluated key', () => {
    const key = { pk: 'HOUSEHOLD#1', sk: 'HOUSEHOLD', gsi1pk: 'COMM#a#HOUSEHOLDS#pending', gsi1sk: '2026#1' };
    expect(decodeCursor(encodeCursor(key) as string, { gsi1pk: 'COMM#a#HOUSEHOLDS#pending' })).toEqual(key);
  });

  it.each([
    'not-base64-json',
    Buffer.from('[1,2]').toString('base64url'),
    encodeCursor({ gsi1pk: 'COMM#b#X' }) as string,
  ])('refuses a cursor that does not belong to the query: %s', (cursor) => {
    expect(() => decodeCursor(cursor, { gsi1pk: 'COMM#a#X' })).toThrowError(
      expect.objectContaining({ status: 400, details: [expect.objectContaining({ field: 'query.cursor' })] }),
    );
  });

  it('has no cursor past the last page', () => {
    expect(encodeCursor(undefined)).toBeNull();
    expect(decodeCursor(undefined, { gsi1pk: 'x' })).toBeUndefined();
  });
});

describe('ids', () => {
  it('sort by creation time and do not collide', () => {
    const early = newId(new Date('2026-01-01T00:00:00Z'));
    const late = newId(new Date('2026-06-01T00:00:00Z'));
    expect(early < late).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newId())).size).toBe(1000);
    expect(late).toMatch(/^[a-z0-9]{17}$/);
  });
});
