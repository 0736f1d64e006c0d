import { ErrorRequestHandler } from 'express';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { Knex } from 'knex';

/** Error codes of a database that is down, restarting or unreachable. */
const UNAVAILABLE_CODES = new Set([
  // Node.js socket errors
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now
  '57P01',
  '57P02',
  '57P03',
  // PostgreSQL class 08: connection exceptions
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // SQLite: another writer holds the database for longer than the busy timeout
  'SQLITE_BUSY',
]);

const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /Knex: Timeout acquiring a connection/i,
  /the database system is (shutting down|starting up|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

const MESSAGE =
  'The reliability database is not reachable right now; try again in a few seconds';

/**
 * The HTTP status of a call to another Backstage service (the catalog, the
 * permission or auth backend) that answered with a server error, found along
 * the `cause` chain; undefined for any other error.
 *
 * @internal
 */
export function failedDependencyStatus(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current !== 'object') {
      return undefined;
    }
    const { name, statusCode, cause } = current as Record<string, unknown>;
    if (
      name === 'ResponseError' &&
      typeof statusCode === 'number' &&
      statusCode >= 500
    ) {
      return statusCode;
    }
    current = cause;
  }
  return undefined;
}

/**
 * True when an error means that the database could not be reached (down,
 * restarting, connection pool exhausted), as opposed to a bug or bad data.
 * Follows `cause` chains, since libraries wrap connection errors.
 *
 * @internal
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current !== 'object') {
      return false;
    }
    const { code, name, message, cause } = current as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
      return true;
    }
    if (name === 'KnexTimeoutError') {
      return true;
    }
    if (
      typeof message === 'string' &&
      UNAVAILABLE_MESSAGES.some(pattern => pattern.test(message))
    ) {
      return true;
    }
    current = cause;
  }
  return false;
}

/** How long the handler waits for the database to answer `SELECT 1`. */
const PROBE_TIMEOUT_MS = 2000;

async function databaseAnswers(knex: Knex): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      knex.raw('SELECT 1'),
      new Promise((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error('timeout')),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The errors Backstage's error handler answers with a 4xx by their name, as
 * it tells them apart.
 */
const CLIENT_ERRORS = new Set(
  [
    InputError,
    AuthenticationError,
    NotAllowedError,
    NotFoundError,
    ConflictError,
    NotModifiedError,
  ].map(type => type.name),
);

/** True for an error the error handler answers below 500: left alone. */
function isClientError(error: unknown): boolean {
  const { statusCode, status, name } = (error ?? {}) as Record<string, unknown>;
  const code = statusCode ?? status;
  if (typeof code === 'number') {
    return code < 500;
  }
  return typeof name === 'string' && CLIENT_ERRORS.has(name);
}

/**
 * An Express error handler that turns a request's failure into a
 * ServiceUnavailableError (with `Retry-After`), which Backstage's error
 * handler answers as a 503 with a clear message instead of a 500, when the
 * database is unreachable, or when another Backstage service this request
 * called answered with a server error (say, the catalog, whose pooled
 * connections fail once after its database restarted). With `knex`, any
 * other server error is turned too when the database does not answer
 * `SELECT 1` within two seconds. Other errors pass on unchanged to
 * Backstage's error handler.
 *
 * @internal
 */
export function databaseUnavailableHandler(options?: {
  knex?: Knex;
}): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const unavailable = (message = MESSAGE) => {
      res.setHeader('Retry-After', '5');
      next(new ServiceUnavailableError(message));
    };
    if (res.headersSent || isClientError(error)) {
      next(error);
      return;
    }
    const dependencyStatus = failedDependencyStatus(error);
    if (dependencyStatus !== undefined) {
      unavailable(
        `A Backstage service this request depends on failed (HTTP ${dependencyStatus}); try again in a few seconds`,
      );
    } else if (isDatabaseUnavailableError(error)) {
      unavailable();
    } else if (options?.knex) {
      databaseAnswers(options.knex).then(
        answers => (answers ? next(error) : unavailable()),
        () => next(error),
      );
    } else {
      next(error);
    }
  };
}
