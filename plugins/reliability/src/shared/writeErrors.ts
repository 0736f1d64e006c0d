/** What the user is told when a write hit a stale version. */
export const CONFLICT_MESSAGE = 'Someone else changed this; reload';

interface ErrorWithStatus {
  statusCode?: number;
  body?: { error?: { message?: string } };
  message?: string;
}

/** The HTTP status of a failed API call (a `ResponseError`), if any. */
export function statusOf(error: unknown): number | undefined {
  return (error as ErrorWithStatus | undefined)?.statusCode;
}

/** Whether a write failed because its `version` was stale. */
export function isConflict(error: unknown): boolean {
  return statusOf(error) === 409;
}

/**
 * A message for a failed write that a user can act on: the conflict notice
 * for 409, otherwise the server's own message (a 400 names the field, a 403
 * says what is not allowed) rather than the generic "Request failed with …".
 */
export function writeErrorMessage(error: unknown): string {
  if (isConflict(error)) {
    return CONFLICT_MESSAGE;
  }
  const e = error as ErrorWithStatus | undefined;
  const serverMessage = e?.body?.error?.message;
  if (serverMessage) {
    return statusOf(error) === 403
      ? `Not allowed: ${serverMessage}`
      : serverMessage;
  }
  return e?.message || String(error);
}
