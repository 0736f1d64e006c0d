import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  reliabilityActionItemCreatePermission,
  reliabilityActionItemUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility, withinScope } from '../access/EntityVisibility';
import { PostmortemStore } from '../postmortems/PostmortemStore';
import {
  csv,
  daySchema,
  entityRefSchema,
  httpUrlSchema,
  ownerRefSchema,
  parseInput,
} from '../validation';
import { ActionItemService, todayUtc } from './ActionItemService';
import { ActionItemFilter, ActionItemStore } from './ActionItemStore';

const title = z.string().trim().min(1).max(255);

const createSchema = z
  .object({
    title,
    description: z.string().max(20_000).optional(),
    type: z.enum(ACTION_ITEM_TYPES),
    priority: z.enum(ACTION_ITEM_PRIORITIES),
    owner: ownerRefSchema,
    dueDate: daySchema.optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    ticketUrl: httpUrlSchema.optional(),
  })
  .strict();

const updateSchema = z
  .object({
    version: z.number().int().min(1),
    title: title.optional(),
    description: z.string().max(20_000).optional(),
    type: z.enum(ACTION_ITEM_TYPES).optional(),
    priority: z.enum(ACTION_ITEM_PRIORITIES).optional(),
    owner: ownerRefSchema.optional(),
    dueDate: daySchema.nullable().optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    ticketUrl: httpUrlSchema.nullable().optional(),
  })
  .strict();

const listSchema = z
  .object({
    entityRef: csv(entityRefSchema).optional(),
    owner: csv(ownerRefSchema).optional(),
    status: z.enum([...ACTION_ITEM_STATUSES, 'open']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict();

const idSchema = z.object({ id: z.uuid() });

/**
 * Action item routes.
 *
 * @internal
 */
export function createActionItemsRouter(options: {
  store: ActionItemStore;
  postmortems: PostmortemStore;
  service: ActionItemService;
  access: EntityAccess;
  visibility: EntityVisibility;
}) {
  const { store, postmortems, service, access, visibility } = options;
  const router = Router();

  router.get('/action-items', async (req, res) => {
    const query = parseInput(listSchema, req.query, 'action item query');
    const filter: ActionItemFilter = {
      entityRefs: query.entityRef,
      owners: query.owner,
      status: query.status,
      overdue:
        query.overdue === undefined ? undefined : query.overdue === 'true',
      today: todayUtc(),
    };
    const visible = await visibility.of(req);
    res.json(
      await visible.page(
        { limit: query.limit, cursor: query.cursor },
        {
          list: (page, scope) =>
            store.listActionItems(withinScope(filter, scope), page),
          entityRefs: () => store.listEntityRefs(filter),
          entityRefOf: item => item.entityRef,
        },
      ),
    );
  });

  router.post('/postmortems/:id/action-items', async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'postmortem id');
    const body = parseInput(createSchema, req.body, 'action item');
    const postmortem = await visibility.record(
      req,
      await postmortems.getPostmortem(id),
      p => p.entityRef,
      `No postmortem with id ${id}`,
    );
    const { actor } = await access.authorize(
      req,
      reliabilityActionItemCreatePermission,
      postmortem.entityRef,
    );
    const item = await access.audited(
      req,
      'action-item-create',
      { postmortemId: id, entityRef: postmortem.entityRef },
      () =>
        service.create(
          { ...body, postmortemId: id, entityRef: postmortem.entityRef },
          actor,
        ),
    );
    res.status(201).json(item);
  });

  router.patch('/action-items/:id', async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'action item id');
    const body = parseInput(updateSchema, req.body, 'action item change');
    const current = await visibility.record(
      req,
      await store.getActionItem(id, todayUtc()),
      item => item.entityRef,
      `No action item with id ${id}`,
    );
    const { actor } = await access.authorize(
      req,
      reliabilityActionItemUpdatePermission,
      current.entityRef,
    );
    const item = await access.audited(
      req,
      'action-item-update',
      { id, entityRef: current.entityRef },
      () => service.update(current, body, actor),
    );
    res.json(item);
  });

  return router;
}
