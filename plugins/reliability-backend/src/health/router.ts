import Router from 'express-promise-router';
import { Knex } from 'knex';
import { SliSourceRegistry } from '@reliability-hub/plugin-reliability-node';

/**
 * `GET /health`: open to anyone, so load balancers and uptime checks can use it.
 * Answers 200 when the database answers, 503 otherwise.
 *
 * @internal
 */
export function createHealthRouter(options: {
  knex: Knex;
  sliSources: SliSourceRegistry;
}) {
  const router = Router();
  router.get('/health', async (_req, res) => {
    try {
      await options.knex.raw('SELECT 1');
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
      return;
    }
    res.json({
      status: 'ok',
      database: 'ok',
      sliSources: options.sliSources.types(),
    });
  });
  return router;
}
