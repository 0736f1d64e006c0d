import { InputError } from '@backstage/errors';

/**
 * Position after the last row of a page: the row's sort key (a time in
 * epoch milliseconds, or a text) and its id, which breaks ties.
 *
 * @internal
 */
export interface PageCursor<K extends number | string = number | string> {
  key: K;
  id: string;
}

/** @internal */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString(
    'base64url',
  );
}

/**
 * The cursor a previous page answered, or an InputError (400) for anything
 * else; `key` says whether its sort key is a time or a text.
 *
 * @internal
 */
export function decodeCursor(value: string, key: 'time'): PageCursor<number>;
/** @internal */
export function decodeCursor(value: string, key: 'text'): PageCursor<string>;
export function decodeCursor(value: string, key: 'time' | 'text'): PageCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (key === 'time'
        ? Number.isSafeInteger(parsed[0])
        : typeof parsed[0] === 'string') &&
      typeof parsed[1] === 'string'
    ) {
      return { key: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'Invalid cursor: pass the nextCursor of a previous page',
  );
}
