import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, ResponseError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { knex as createKnex, Knex } from 'knex';
import request from 'supertest';
import {
  databaseUnavailableHandler,
  isDatabaseUnavailableError,
} from './unavailable';

function appThrowing(failure: () => Promise<unknown>, knex?: Knex) {
  const router = Router();
  router.get('/thing', async (_req, res) => {
    res.json(await failure());
  });
  router.use(databaseUnavailableHandler({ knex }));
  const app = express();
  app.use(router);
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error({ showStackTraces: false }),
  );
  return app;
}

function withProps(message: string, props: Record<string, unknown>) {
  return Object.assign(new Error(message), props);
}

describe('databaseUnavailableHandler', () => {
  let unreachable: Knex;

  beforeAll(() => {
    // Nothing listens on port 1: every query fails to connect.
    unreachable = createKnex({
      client: 'pg',
      connection: 'postgresql://postgres@127.0.0.1:1/reliability',
      acquireConnectionTimeout: 3000,
      pool: { min: 0, max: 1 },
      log: { warn() {}, error() {}, debug() {}, deprecate() {} },
    });
  });

  afterAll(async () => {
    await unreachable.destroy();
  });

  it('answers 503 with a clear message when PostgreSQL refuses connections', async () => {
    const res = await request(
      appThrowing(() => unreachable('incidents').select()),
    ).get('/thing');

    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toBe(
      'The reliability database is not reachable right now; try again in a few seconds',
    );
    expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
  });

  it.each([
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    [
      'a server shutting down',
      withProps('terminating connection due to administrator command', {
        code: '57P01',
      }),
    ],
    [
      'an exhausted pool',
      withProps('Knex: Timeout acquiring a connection. The pool is full.', {
        name: 'KnexTimeoutError',
      }),
    ],
    [
      'a wrapped refusal',
      withProps('query failed', {
        cause: withProps('connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
      }),
    ],
    [
      'a busy SQLite file',
      withProps('database is locked', { code: 'SQLITE_BUSY' }),
    ],
  ])('answers 503 for %s', async (_name, error) => {
    const res = await request(appThrowing(() => Promise.reject(error))).get(
      '/thing',
    );
    expect(res.status).toBe(503);
  });

  it('leaves other errors alone', async () => {
    const conflict = await request(
      appThrowing(() => Promise.reject(new ConflictError('stale version'))),
    ).get('/thing');
    expect(conflict.status).toBe(409);

    const bug = await request(
      appThrowing(() => Promise.reject(new TypeError('x is undefined'))),
    ).get('/thing');
    expect(bug.status).toBe(500);
  });

  it('answers 503 for a failed dependency call while the database is down', async () => {
    // Say the catalog answered 500 because the shared database is down.
    const upstream = () =>
      Promise.reject(withProps('catalog request failed', { statusCode: 500 }));

    const down = await request(appThrowing(upstream, unreachable)).get(
      '/thing',
    );
    expect(down.status).toBe(503);

    const reachable = createKnex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    try {
      const up = await request(appThrowing(upstream, reachable)).get('/thing');
      expect(up.status).toBe(500);
    } finally {
      await reachable.destroy();
    }
  });

  it('answers 503 when another Backstage service answered with a server error', async () => {
    // The catalog answers 500 once per stale pooled connection after its
    // database restarted, while ours already answers `SELECT 1` again.
    const reachable = createKnex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    try {
      const catalogFailed = async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'Error', message: 'An internal error occurred' },
              request: { method: 'POST', url: '/entities/by-refs' },
              response: { statusCode: 500 },
            }),
            {
              status: 500,
              statusText: 'Internal Server Error',
              headers: { 'Content-Type': 'application/json' },
            },
          ),
        );
      };
      const res = await request(appThrowing(catalogFailed, reachable)).get(
        '/thing',
      );
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error.message).toBe(
        'A Backstage service this request depends on failed (HTTP 500); try again in a few seconds',
      );

      const notFound = async () => {
        throw await ResponseError.fromResponse(
          new Response('{}', { status: 404, statusText: 'Not Found' }),
        );
      };
      const missing = await request(appThrowing(notFound, reachable)).get(
        '/thing',
      );
      expect(missing.status).toBe(404);
    } finally {
      await reachable.destroy();
    }
  });

  it('recognises only connection failures', () => {
    expect(isDatabaseUnavailableError(undefined)).toBe(false);
    expect(isDatabaseUnavailableError('ECONNREFUSED')).toBe(false);
    expect(
      isDatabaseUnavailableError(
        withProps('duplicate key value', { code: '23505' }),
      ),
    ).toBe(false);
  });
});
