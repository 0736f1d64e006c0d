import { InputError } from '@backstage/errors';

/**
 * Position after the last runbook of a library page: its sort key (lower-cased
 * title, or last review day) and id.
 *
 * @internal
 */
export interface LibraryCursor {
  key: string;
  id: string;
}

/** @internal */
export function encodeLibraryCursor(cursor: LibraryCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString(
    'base64url',
  );
}

/** @internal */
export function decodeLibraryCursor(value: string): LibraryCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
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
