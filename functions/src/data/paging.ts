import { ValidationError } from '@linli/shared';

type Key = Record<string, unknown>;

/** An opaque cursor is the base64url of the last evaluated key. */
export function encodeCursor(key: Key | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/**
 * Decodes a cursor and checks it belongs to the query being continued: a
 * cursor from another partition is bad input, not a server error.
 */
export function decodeCursor(cursor: string | undefined, expected: Key): Key | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    Object.entries(expected).every(([name, value]) => (key as Key)[name] === value) &&
    Object.values(key).every((v) => typeof v === 'string' || typeof v === 'number');
  if (!valid) throw new ValidationError([{ field: 'query.cursor', message: '分页标记无效，请从第一页重新加载' }]);
  return key as Key;
}
