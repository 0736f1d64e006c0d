import {
  entityQuerySchema,
  reliabilityDefinitionsRefreshPermission,
  runbookIdParamsSchema,
  runbookLibraryQuerySchema,
  runbooksForAlertQuerySchema,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { todayUtc } from '../actionItems/ActionItemService';
import { parseInput } from '../validation';
import { RunbookFileRefresher } from './files/RunbookFileRefresher';
import { RunbookService } from './RunbookService';
import { RunbookLibraryQuery, RunbookStore } from './store/RunbookStore';
import {
  searchVisibleLibrary,
  visibleRunbooksForAlert,
} from './visibleRunbooks';

/**
 * Runbook routes: an entity's runbooks, the library, one runbook, runbooks by
 * alert, and refreshing an entity's runbooks now.
 *
 * @internal
 */
export function createRunbooksRouter(options: {
  store: RunbookStore;
  service: RunbookService;
  refresher: RunbookFileRefresher;
  access: EntityAccess;
  visibility: EntityVisibility;
}) {
  const { store, service, refresher, access, visibility } = options;
  const router = Router();

  router.get('/runbooks', async (req, res) => {
    const { entityRef } = parseInput(
      entityQuerySchema,
      req.query,
      'runbook query',
    );
    await (await visibility.of(req)).assertEntity(entityRef);
    res.json(await service.entityRunbooks(entityRef, { today: todayUtc() }));
  });

  router.get('/runbooks/library', async (req, res) => {
    const query = parseInput(
      runbookLibraryQuerySchema,
      req.query,
      'runbook library query',
    );
    const filter: RunbookLibraryQuery = { ...query, today: todayUtc() };
    res.json(
      await searchVisibleLibrary(filter, {
        store,
        visible: await visibility.of(req),
      }),
    );
  });

  router.get('/runbooks/by-alert/:alertname', async (req, res) => {
    const query = parseInput(
      runbooksForAlertQuerySchema,
      { ...req.query, alertname: req.params.alertname },
      'runbook alert query',
    );
    res.json(
      await visibleRunbooksForAlert(
        query.alertname,
        { today: todayUtc(), entityRef: query.entityRef },
        { service, visible: await visibility.of(req) },
      ),
    );
  });

  router.post('/runbooks/refresh', async (req, res) => {
    const { entityRef } = parseInput(
      entityQuerySchema,
      req.query,
      'runbook refresh',
    );
    const { actor } = await access.authorize(
      req,
      reliabilityDefinitionsRefreshPermission,
      entityRef,
    );
    await access.audited(req, 'runbooks-refresh', { entityRef }, () =>
      refresher.refreshEntity(entityRef, actor),
    );
    res.json(await service.entityRunbooks(entityRef, { today: todayUtc() }));
  });

  // Ids contain slashes (`component:default/checkout/db-pool`); clients
  // encode them, but a decoded id with its slashes is accepted as well.
  router.get(/^\/runbooks\/(.+)$/, async (req, res) => {
    const { id } = parseInput(
      runbookIdParamsSchema,
      { id: req.params[0] },
      'runbook id',
    );
    res.json(
      await visibility.record(
        req,
        await store.getRunbook(id, todayUtc()),
        runbook => runbook.entityRef,
        `No runbook with id ${id}`,
      ),
    );
  });

  return router;
}
