import {
  reliabilityDefinitionsRefreshPermission,
  reliabilitySliSampleCreatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { entityRefSchema, isoDate, parseInput } from '../validation';
import { SloService } from './SloService';

/** How far ahead of the server clock a bucket may start (clock skew). */
const MAX_FUTURE_MS = 5 * 60 * 1000;

const entityQuerySchema = z.object({ entityRef: entityRefSchema }).strict();

const overviewQuerySchema = z
  .object({
    owner: entityRefSchema.optional(),
    system: entityRefSchema.optional(),
    tier: z.string().trim().min(1).max(255).optional(),
    state: z
      .enum(['ok', 'no-data', 'source-unavailable', 'pending'])
      .optional(),
  })
  .strict();

const historyQuerySchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict();

const sampleSchema = z
  .object({
    bucketStart: z.iso.datetime({ offset: true }),
    bucketSeconds: z
      .number()
      .int()
      .min(1)
      .max(24 * 60 * 60)
      .optional(),
    good: z.number().finite().nonnegative(),
    total: z.number().finite().nonnegative(),
  })
  .strict()
  .refine(sample => sample.good <= sample.total, {
    message: 'must not be greater than total',
    path: ['good'],
  })
  .refine(
    sample =>
      Date.parse(sample.bucketStart) % ((sample.bucketSeconds ?? 60) * 1000) ===
      0,
    {
      message:
        'must be aligned to bucketSeconds (a whole multiple of it since 1970-01-01T00:00:00Z; 60 s by default)',
      path: ['bucketStart'],
    },
  )
  .refine(
    sample => Date.parse(sample.bucketStart) <= Date.now() + MAX_FUTURE_MS,
    {
      message: 'must not be in the future',
      path: ['bucketStart'],
    },
  );

const samplesSchema = z
  .object({
    entityRef: entityRefSchema,
    sloName: z.string().trim().min(1).max(255),
    samples: z.array(sampleSchema).min(1).max(1000),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<number>();
    body.samples.forEach((sample, index) => {
      const start = Date.parse(sample.bucketStart);
      if (seen.has(start)) {
        ctx.addIssue({
          code: 'custom',
          message: 'the same bucket appears twice in the request',
          path: ['samples', index, 'bucketStart'],
        });
      }
      seen.add(start);
    });
  });

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
      overviewQuerySchema,
      req.query,
      'SLO overview query',
    );
    const overview = await service.overview(filter);
    const visible = await visibility.of(req);
    res.json({
      ...overview,
      items: await visible.filter(overview.items, slo => slo.entityRef),
    });
  });

  router.get('/slos/:id/history', async (req, res) => {
    const range = parseInput(historyQuerySchema, req.query, 'history query');
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
    const body = parseInput(samplesSchema, req.body, 'SLI samples');
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
    res.status(200).json({ stored });
  });

  return router;
}
