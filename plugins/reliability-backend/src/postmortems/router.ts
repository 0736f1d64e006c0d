import {
  POSTMORTEM_STATUSES,
  reliabilityPostmortemCreatePermission,
  reliabilityPostmortemUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility, withinScope } from '../access/EntityVisibility';
import { todayUtc } from '../actionItems/ActionItemService';
import { csv, entityRefSchema, parseInput, userRefSchema } from '../validation';
import { PostmortemService } from './PostmortemService';
import { PostmortemFilter, PostmortemStore } from './PostmortemStore';

const markdown = z.string().max(100_000);

const sections = {
  summary: markdown.optional(),
  impact: markdown.optional(),
  timeline: markdown.optional(),
  rootCause: markdown.optional(),
  contributingFactors: markdown.optional(),
  wentWell: markdown.optional(),
  toImprove: markdown.optional(),
  lessonsLearned: markdown.optional(),
};

const incidentIds = z.array(z.uuid()).min(1).max(20);
const title = z.string().trim().min(1).max(255);

const createSchema = z
  .object({
    entityRef: entityRefSchema,
    incidentIds,
    title: title.optional(),
    impactUsersAffected: z.string().max(2_000).optional(),
    impactDurationMinutes: z.number().int().min(0).max(1_000_000).optional(),
    impactErrorBudget: z.string().max(2_000).optional(),
    reviewers: z.array(userRefSchema).max(20).optional(),
    ...sections,
  })
  .strict();

const updateSchema = z
  .object({
    version: z.number().int().min(1),
    title: title.optional(),
    status: z.enum(POSTMORTEM_STATUSES).optional(),
    impactUsersAffected: z.string().max(2_000).nullable().optional(),
    impactDurationMinutes: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .nullable()
      .optional(),
    impactErrorBudget: z.string().max(2_000).nullable().optional(),
    reviewers: z.array(userRefSchema).max(20).optional(),
    incidentIds: incidentIds.optional(),
    ...sections,
  })
  .strict();

const listSchema = z
  .object({
    entityRef: csv(entityRefSchema).optional(),
    status: z.enum(POSTMORTEM_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict();

const idSchema = z.object({ id: z.uuid() });

/**
 * Postmortem routes.
 *
 * @internal
 */
export function createPostmortemsRouter(options: {
  store: PostmortemStore;
  service: PostmortemService;
  access: EntityAccess;
  visibility: EntityVisibility;
}) {
  const { store, service, access, visibility } = options;
  const router = Router();

  /** The postmortem, if the caller may see its entity; else 404. */
  async function load(req: Request, id: string) {
    return visibility.record(
      req,
      await store.getPostmortem(id),
      postmortem => postmortem.entityRef,
      `No postmortem with id ${id}`,
    );
  }

  router.get('/postmortems', async (req, res) => {
    const query = parseInput(listSchema, req.query, 'postmortem query');
    const filter: PostmortemFilter = {
      entityRefs: query.entityRef,
      status: query.status,
    };
    const visible = await visibility.of(req);
    res.json(
      await visible.page(
        { limit: query.limit, cursor: query.cursor },
        {
          list: (page, scope) =>
            store.listPostmortems(withinScope(filter, scope), page),
          entityRefs: () => store.listEntityRefs(filter),
          entityRefOf: postmortem => postmortem.entityRef,
        },
      ),
    );
  });

  router.get('/postmortems/:id', async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'postmortem id');
    await load(req, id);
    res.json(await service.get(id, todayUtc()));
  });

  router.post('/postmortems', async (req, res) => {
    const body = parseInput(createSchema, req.body, 'postmortem');
    const { actor } = await access.authorize(
      req,
      reliabilityPostmortemCreatePermission,
      body.entityRef,
    );
    const postmortem = await access.audited(
      req,
      'postmortem-create',
      { entityRef: body.entityRef },
      () => service.create(body, actor),
    );
    res.status(201).json(postmortem);
  });

  router.patch('/postmortems/:id', async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'postmortem id');
    const body = parseInput(updateSchema, req.body, 'postmortem change');
    const current = await load(req, id);
    const { actor } = await access.authorize(
      req,
      reliabilityPostmortemUpdatePermission,
      current.entityRef,
    );
    const postmortem = await access.audited(
      req,
      'postmortem-update',
      { id, entityRef: current.entityRef },
      () => service.update(current, body, actor),
    );
    res.json(postmortem);
  });

  return router;
}
