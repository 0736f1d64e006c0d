import {
  entityQuerySchema,
  reliabilityDefinitionsRefreshPermission,
  reliabilitySliSampleCreatePermission,
  sliSamplesRequestSchema,
  SliSamplesResponse,
  sloHistoryQuerySchema,
  sloOverviewQuerySchema,
} from '@reliability-hub/plugin-reliability-common';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { parseInput } from '../validation';
import { SloService } from './SloService';

/**
 * SLO routes: an entity's SLOs, the overview of all SLOs, one objective's
 * history, refreshing an entity's definitions, and the push source's
 * samples.
 *
 * @internal
 */
export function createSloRouter(options: {
  service: SloService;
  access: EntityAccess;
  visibility: EntityVisibility;
}) {
  const { service, access, visibility } = options;
  const router = Router();

  router.get('/slos', async (req, res) => {
    const { entityRef } = parseInput(entityQuerySchema, req.query, 'SLO query');
    await (await visibility.of(req)).assertEntity(entityRef);
    res.json(await service.forEntity(entityRef));
  });

  router.get('/slos/overview', async (req, res) => {
    const filter = parseInput(
      sloOverviewQuerySchema,
      req.query,
      'SLO overview query',
    );
    res.json(await service.overview(filter, await visibility.of(req)));
  });

  router.get('/slos/:id/history', async (req, res) => {
    const range = parseInput(sloHistoryQuerySchema, req.query, 'history query');
    res.json(
      await visibility.record(
        req,
        await service.history(req.params.id, range),
        history => history.slo.entityRef,
        `No SLO ${req.params.id}`,
      ),
    );
  });

  router.post('/slos/refresh', async (req, res) => {
    const { entityRef } = parseInput(
      entityQuerySchema,
      req.query,
      'refresh query',
    );
    // A hidden entity answers as one the catalog does not have.
    await (await visibility.of(req)).assertEntity(entityRef);
    const { actor } = await access.authorize(
      req,
      reliabilityDefinitionsRefreshPermission,
      entityRef,
    );
    const slos = await access.audited(
      req,
      'slo-definitions-refresh',
      { entityRef },
      () => service.refresh(entityRef, actor),
    );
    res.json(slos);
  });

  router.post('/sli-samples', async (req, res) => {
    const body = parseInput(sliSamplesRequestSchema, req.body, 'SLI samples');
    // 404 / 409 before 403: which SLOs exist is no secret to those who may
    // see the entity; to others its SLOs do not exist.
    if (!(await (await visibility.of(req)).canSee(body.entityRef))) {
      throw new NotFoundError(
        `No SLO named ${body.sloName} is defined for ${body.entityRef}`,
      );
    }
    await service.assertPushTarget(body);
    const { actor } = await access.authorize(
      req,
      reliabilitySliSampleCreatePermission,
      body.entityRef,
    );
    const stored = await access.audited(
      req,
      'sli-samples-push',
      {
        entityRef: body.entityRef,
        sloName: body.sloName,
        samples: body.samples.length,
      },
      () => service.pushSamples(body, actor),
    );
    const answer: SliSamplesResponse = { stored };
    res.status(200).json(answer);
  });

  return router;
}
