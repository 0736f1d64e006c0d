import {
  actionItemListQuerySchema,
  createActionItemRequestSchema,
  idParamsSchema,
  reliabilityActionItemCreatePermission,
  reliabilityActionItemUpdatePermission,
  updateActionItemRequestSchema,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility, withinScope } from '../access/EntityVisibility';
import { PostmortemStore } from '../postmortems/PostmortemStore';
import { parseInput } from '../validation';
import { ActionItemService, todayUtc } from './ActionItemService';
import { ActionItemFilter, ActionItemStore } from './ActionItemStore';

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
    const query = parseInput(
      actionItemListQuerySchema,
      req.query,
      'action item query',
    );
    const filter: ActionItemFilter = {
      entityRefs: query.entityRef,
      owners: query.owner,
      status: query.status,
      overdue: query.overdue,
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
    const { id } = parseInput(idParamsSchema, req.params, 'postmortem id');
    const body = parseInput(
      createActionItemRequestSchema,
      req.body,
      'action item',
    );
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
    const { id } = parseInput(idParamsSchema, req.params, 'action item id');
    const body = parseInput(
      updateActionItemRequestSchema,
      req.body,
      'action item change',
    );
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
