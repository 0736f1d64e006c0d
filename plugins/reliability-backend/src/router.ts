import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { SliSourceRegistry } from '@reliability-hub/plugin-reliability-node';
import { createHealthRouter } from './health/router';
import { createIncidentsRouter } from './incidents/router';
import { IncidentStore } from './incidents/IncidentStore';
import { createSummaryRouter } from './summary/router';

/**
 * The plugin's HTTP API: one router per feature.
 *
 * @internal
 */
export async function createRouter(options: {
  knex: Knex;
  incidents: IncidentStore;
  sliSources: SliSourceRegistry;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(createHealthRouter(options));
  router.use(createSummaryRouter({ incidents: options.incidents }));
  router.use(createIncidentsRouter({ store: options.incidents }));
  return router;
}
