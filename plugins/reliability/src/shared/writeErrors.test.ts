import {
  CONFLICT_MESSAGE,
  isConflict,
  statusOf,
  writeErrorMessage,
} from './writeErrors';

/** A failed API call as `ResponseError.fromResponse` makes it. */
function responseError(statusCode: number, message: string) {
  return Object.assign(new Error(`Request failed with ${statusCode}`), {
    name: 'ResponseError',
    statusCode,
    body: { error: { name: 'Error', message } },
  });
}

describe('writeErrorMessage', () => {
  it.each([
    [responseError(409, 'version 3 is stale'), CONFLICT_MESSAGE],
    [
      responseError(400, 'dueDate: must be YYYY-MM-DD'),
      'dueDate: must be YYYY-MM-DD',
    ],
    [
      responseError(403, 'only owners of checkout may do this'),
      'Not allowed: only owners of checkout may do this',
    ],
    [new Error('Failed to fetch'), 'Failed to fetch'],
    ['weird', 'weird'],
  ])('turns %p into %p', (error, expected) => {
    expect(writeErrorMessage(error)).toBe(expected);
  });
});

describe('isConflict and statusOf', () => {
  it('read the status of response errors only', () => {
    expect(isConflict(responseError(409, 'stale'))).toBe(true);
    expect(isConflict(responseError(400, 'bad'))).toBe(false);
    expect(isConflict(new Error('x'))).toBe(false);
    expect(statusOf(responseError(403, 'no'))).toBe(403);
    expect(statusOf(undefined)).toBeUndefined();
  });
});
