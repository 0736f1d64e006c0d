import {
  addOverrideRequestSchema,
  finalScheduleQuerySchema,
  FinalSchedule,
  onCallQuerySchema,
  overrideIdParamsSchema,
  scheduleRequestSchema,
  updateScheduleRequestSchema,
  versionQuerySchema,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { parseInput } from '../validation';
import { OnCallRouterOptions } from './OnCallRouterOptions';
import { parseSchedule, toNewSchedule } from './scheduleInput';
import { ScheduleWrites } from './ScheduleWrites';
import { onCallBody } from './onCallJson';
import { readOnCall } from './visibleOnCall';

/**
 * Schedules and who is on call: list, read, create, replace, overrides, the
 * final schedule over a range, and `GET /oncall`.
 *
 * @internal
 */
export function createSchedulesRouter(
  options: OnCallRouterOptions & { writes: ScheduleWrites },
) {
  const { store, service, access, visibility, writes } = options;
  const router = Router();

  router.get('/schedules', async (req, res) => {
    const visible = await visibility.of(req);
    res.json(
      await visible.filter(await store.listSchedules(), s => s.ownerRef),
    );
  });

  router.get('/schedules/:id', async (req, res) => {
    res.json(await writes.load(req));
  });

  router.post('/schedules', async (req, res) => {
    const body = parseSchedule(scheduleRequestSchema, req.body);
    const record = await writes.create(
      req,
      'schedule-create',
      toNewSchedule(body),
    );
    res.status(201).json(record);
  });

  router.put('/schedules/:id', async (req, res) => {
    const current = await writes.load(req);
    const body = parseSchedule(updateScheduleRequestSchema, req.body);
    res.json(
      await writes.replace(
        req,
        'schedule-update',
        current,
        body.version,
        toNewSchedule(body),
      ),
    );
  });

  router.delete('/schedules/:id', async (req, res) => {
    const { version } = parseInput(versionQuerySchema, req.query, 'version');
    const current = await writes.load(req);
    const { actor } = await writes.authorizeUpdate(req, current);
    await access.audited(
      req,
      'schedule-delete',
      { id: current.id, ownerRef: current.ownerRef },
      () => store.deleteSchedule(current.id, version, actor),
    );
    res.status(204).end();
  });

  router.post('/schedules/:id/overrides', async (req, res) => {
    const current = await writes.load(req);
    const { version, ...override } = parseInput(
      addOverrideRequestSchema,
      req.body,
      'override',
    );
    const { actor } = await writes.authorizeUpdate(req, current);
    const record = await access.audited(
      req,
      'schedule-override-add',
      { id: current.id, ownerRef: current.ownerRef, user: override.user },
      () => store.addOverride(current.id, version, override, actor),
    );
    res.status(201).json(record);
  });

  router.delete('/schedules/:id/overrides/:overrideId', async (req, res) => {
    const { overrideId } = parseInput(
      overrideIdParamsSchema,
      req.params,
      'override id',
    );
    const { version } = parseInput(versionQuerySchema, req.query, 'version');
    const current = await writes.load(req);
    const { actor } = await writes.authorizeOverrideRemoval(
      req,
      current,
      overrideId,
    );
    const record = await access.audited(
      req,
      'schedule-override-remove',
      { id: current.id, ownerRef: current.ownerRef, overrideId },
      () => store.removeOverride(current.id, version, overrideId, actor),
    );
    res.json(record);
  });

  router.get('/schedules/:id/final', async (req, res) => {
    const record = await writes.load(req);
    const { from, to } = parseInput(
      finalScheduleQuerySchema,
      req.query,
      'range',
    );
    const answer: FinalSchedule = {
      scheduleId: record.id,
      from: from.toISOString(),
      to: to.toISOString(),
      shifts: service.finalOf(record, from, to),
    };
    res.json(answer);
  });

  router.get('/oncall', async (req, res) => {
    const query = parseInput(onCallQuerySchema, req.query, 'on-call query');
    const answer = await readOnCall(query, {
      service,
      visible: await visibility.of(req),
    });
    // Compressed here rather than by the portal's compression middleware:
    // the schedules are compressed once for every request that shares them.
    const { parts, encoding } = await onCallBody(answer, {
      gzip: req.acceptsEncodings('gzip', 'identity') === 'gzip',
    });
    res.status(200);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.vary('Accept-Encoding');
    if (encoding) {
      res.setHeader('Content-Encoding', encoding);
    }
    res.setHeader(
      'Content-Length',
      parts.reduce((length, part) => length + part.length, 0),
    );
    for (const part of parts) {
      res.write(part);
    }
    res.end();
  });

  return router;
}
