import { InputError } from '@backstage/errors';

/**
 * Position after the last row of a page of incidents, ordered newest first.
 *
 * @internal
 */
export interface IncidentCursor {
  startedAt: number;
  id: string;
}

/** @internal */
export function encodeCursor(cursor: IncidentCursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.id])).toString(
    'base64url',
  );
}

/** @internal */
export function decodeCursor(value: string): IncidentCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      Number.isSafeInteger(parsed[0]) &&
      typeof parsed[1] === 'string'
    ) {
      return { startedAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'Invalid cursor: pass the nextCursor of a previous page',
  );
}
