import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  approvePostmortemRequestSchema,
  createPostmortemRequestSchema,
  discardPostmortemQuerySchema,
  idParamsSchema,
  postmortemListQuerySchema,
  reliabilityPostmortemCreatePermission,
  reliabilityPostmortemUpdatePermission,
  updatePostmortemRequestSchema,
} from '@reliability-hub/plugin-reliability-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility, withinScope } from '../access/EntityVisibility';
import { todayUtc } from '../actionItems/ActionItemService';
import { parseInput } from '../validation';
import { PostmortemService } from './PostmortemService';
import { PostmortemFilter, PostmortemStore } from './PostmortemStore';

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
  httpAuth: HttpAuthService;
}) {
  const { store, service, access, visibility, httpAuth } = options;
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
    const query = parseInput(
      postmortemListQuerySchema,
      req.query,
      'postmortem query',
    );
    const filter: PostmortemFilter = {
      entityRefs: query.entityRef,
      status: query.status,
      author: query.author,
      reviewers: query.reviewer,
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
    const { id } = parseInput(idParamsSchema, req.params, 'postmortem id');
    await load(req, id);
    res.json(await service.get(id, todayUtc()));
  });

  router.post('/postmortems', async (req, res) => {
    const body = parseInput(
      createPostmortemRequestSchema,
      req.body,
      'postmortem',
    );
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
    const { id } = parseInput(idParamsSchema, req.params, 'postmortem id');
    const body = parseInput(
      updatePostmortemRequestSchema,
      req.body,
      'postmortem change',
    );
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

  /**
   * A reviewer approves, which publishes it. Being named a reviewer (by its
   * owners) is what allows it: reviewers are often of other teams.
   */
  router.post('/postmortems/:id/approve', async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'postmortem id');
    const { version } = parseInput(
      approvePostmortemRequestSchema,
      req.body,
      'approval',
    );
    const current = await load(req, id);
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const postmortem = await access.audited(
      req,
      'postmortem-approve',
      { id, entityRef: current.entityRef },
      () =>
        service.approve(current, version, credentials.principal.userEntityRef),
    );
    res.json(postmortem);
  });

  /** Its author, or an owner, discards a draft. */
  router.delete('/postmortems/:id', async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'postmortem id');
    const { version } = parseInput(
      discardPostmortemQuerySchema,
      req.query,
      'postmortem discard',
    );
    const current = await load(req, id);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const actor =
      credentials.principal.type === 'user' &&
      credentials.principal.userEntityRef === current.author
        ? current.author
        : (
            await access.authorize(
              req,
              reliabilityPostmortemUpdatePermission,
              current.entityRef,
            )
          ).actor;
    await access.audited(
      req,
      'postmortem-discard',
      { id, entityRef: current.entityRef },
      () => service.discard(current, version, actor),
    );
    res.status(204).end();
  });

  return router;
}
