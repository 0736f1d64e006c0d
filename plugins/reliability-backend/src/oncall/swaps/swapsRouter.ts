import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  swapAnswerSchema,
  swapIdParamsSchema,
  swapRequestSchema,
} from '@reliability-hub/plugin-reliability-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { EntityAccess } from '../../access/EntityAccess';
import { EntityVisibility } from '../../access/EntityVisibility';
import { parseInput } from '../../validation';
import { ScheduleWrites } from '../ScheduleWrites';
import { SwapService } from './SwapService';

/**
 * Swap requests: ask a teammate to cover or trade a shift
 * (`POST /schedules/:id/swaps`), the caller's open requests (`GET /swaps`),
 * and accept, decline or cancel one. People only: a service is nobody's
 * teammate.
 *
 * @internal
 */
export function createSwapsRouter(options: {
  swaps: SwapService;
  writes: ScheduleWrites;
  access: EntityAccess;
  visibility: EntityVisibility;
  httpAuth: HttpAuthService;
}) {
  const { swaps, writes, access, visibility, httpAuth } = options;
  const router = Router();

  const callerRef = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return credentials.principal.userEntityRef.toLocaleLowerCase('en-US');
  };

  router.post('/schedules/:id/swaps', async (req, res) => {
    const record = await writes.load(req);
    const caller = await callerRef(req);
    const body = parseInput(swapRequestSchema, req.body, 'swap request');
    const visible = await visibility.of(req);
    if (!(await visible.canSee(body.recipient))) {
      throw new InputError(
        `Invalid swap request: recipient: no user ${body.recipient} in the catalog`,
      );
    }
    const swap = await access.audited(
      req,
      'schedule-swap-request',
      { id: record.id, ownerRef: record.ownerRef, recipient: body.recipient },
      () => swaps.request(record, caller, body),
    );
    res.status(201).json(swap);
  });

  router.get('/swaps', async (req, res) => {
    res.json(await swaps.list(await callerRef(req)));
  });

  for (const answer of ['accept', 'decline', 'cancel'] as const) {
    router.post(`/swaps/:swapId/${answer}`, async (req, res) => {
      const { swapId } = parseInput(
        swapIdParamsSchema,
        req.params,
        'swap request id',
      );
      const caller = await callerRef(req);
      const { version } = parseInput(swapAnswerSchema, req.body, 'swap answer');
      const result = await access.audited(
        req,
        `schedule-swap-${answer}`,
        { swapId },
        async () => {
          if (answer === 'accept') {
            return (await swaps.accept(swapId, version, caller)).swap;
          }
          return answer === 'decline'
            ? swaps.decline(swapId, version, caller)
            : swaps.cancel(swapId, version, caller);
        },
      );
      res.json(result);
    });
  }

  return router;
}
