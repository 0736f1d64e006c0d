import { AuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  deployExceptionRequestSchema,
  deployGateQuerySchema,
  idParamsSchema,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { Request } from 'express';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { parseInput } from '../validation';
import { DeployGateService } from './DeployGateService';

/**
 * Deploy-gate routes: the verdict, for people and for CI with a service
 * token, and exceptions, which only people grant and withdraw.
 *
 * @internal
 */
export function createDeployGateRouter(options: {
  service: DeployGateService;
  access: EntityAccess;
  visibility: EntityVisibility;
  auth: AuthService;
}) {
  const { service, access, visibility, auth } = options;
  const router = Router();

  async function userCredentials(req: Request, what: string) {
    const { credentials } = await visibility.of(req);
    if (!auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        `Only people ${what}; services may only read the verdict`,
      );
    }
    return credentials;
  }

  router.get('/deploy-gate', async (req, res) => {
    const { entityRef, change } = parseInput(
      deployGateQuerySchema,
      req.query,
      'deploy gate query',
    );
    const { credentials } = await visibility.of(req);
    res.json(await service.verdict({ entityRef, change, credentials }));
  });

  router.post('/deploy-gate/exceptions', async (req, res) => {
    const input = parseInput(
      deployExceptionRequestSchema,
      req.body,
      'deploy exception',
    );
    const credentials = await userCredentials(req, 'grant exceptions');
    const granted = await access.audited(
      req,
      'deploy-exception-grant',
      {
        entityRef: input.entityRef,
        change: input.change,
        until: input.until,
      },
      () => service.grant({ input, credentials }),
    );
    res.status(201).json(granted);
  });

  router.delete('/deploy-gate/exceptions/:id', async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'exception id');
    const credentials = await userCredentials(req, 'withdraw exceptions');
    await access.audited(req, 'deploy-exception-withdraw', { id }, () =>
      service.withdraw({ id, credentials }),
    );
    res.status(204).end();
  });

  return router;
}
