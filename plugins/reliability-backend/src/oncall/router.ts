import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import express, { Request } from 'express';
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  reliabilityScheduleCreatePermission,
  reliabilityScheduleUpdatePermission,
  Schedule,
  SCHEDULE_LIMITS,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import {
  entityRefSchema,
  isoDate,
  parseInput,
  userRefSchema,
} from '../validation';
import { redactFeedToken } from './feedTokens';
import { feedRange, renderCalendar } from './ical';
import {
  assertValidSchedule,
  ScheduleService,
  toNewSchedule,
} from './ScheduleService';
import { ScheduleStore } from './ScheduleStore';
import { visibleOnCall } from './visibleOnCall';

const idSchema = z.object({ id: z.uuid() });
const overrideIdSchema = z.object({ id: z.uuid(), overrideId: z.uuid() });

const groupRefSchema = entityRefSchema.refine(ref => ref.startsWith('group:'), {
  message: 'must be a group ref, e.g. group:default/team-checkout',
});

const instant = z.iso.datetime({ offset: true });

const escalationSchema = z
  .object({
    levels: z
      .array(
        z
          .object({
            delayMinutes: z
              .number()
              .int()
              .min(0)
              .max(24 * 60),
            target: z.union([
              z.object({ schedule: z.string().trim().min(1) }).strict(),
              z.object({ user: userRefSchema }).strict(),
            ]),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    repeat: z.number().int().min(0).max(10).default(0),
  })
  .strict();

const scheduleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    ownerRef: groupRefSchema,
    // The shape is checked by validateSchedule, which names every problem.
    schedule: z.looseObject({
      overrides: z
        .array(
          z.looseObject({
            id: z.uuid().optional(),
            user: userRefSchema,
            start: instant,
            end: instant,
          }),
        )
        .max(SCHEDULE_LIMITS.overrides, {
          message: `at most ${SCHEDULE_LIMITS.overrides}; remove past ones first`,
        })
        .default([]),
    }),
    escalationPolicy: escalationSchema.nullable().optional(),
  })
  .strict();

const updateSchema = scheduleInputSchema.extend({
  version: z.number().int().min(1),
});

const exportDocumentSchema = scheduleInputSchema.extend({
  apiVersion: z.literal('reliability-hub.io/v1alpha1'),
  kind: z.literal('Schedule'),
});

const overrideSchema = z
  .object({
    version: z.number().int().min(1),
    user: userRefSchema,
    start: instant,
    end: instant,
    reason: z.string().trim().max(1_000).optional(),
  })
  .strict()
  .refine(o => Date.parse(o.end) > Date.parse(o.start), {
    message: 'must be after start',
    path: ['end'],
  });

const versionQuerySchema = z
  .object({ version: z.coerce.number().int().min(1) })
  .strict();

const finalQuerySchema = z.object({ from: isoDate, to: isoDate }).strict();

const oncallQuerySchema = z
  .object({ entityRef: entityRefSchema.optional(), at: isoDate.optional() })
  .strict();

const feedQuerySchema = z.object({ token: z.string().min(1).max(200) });

const userFeedSchema = z.object({
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(255),
});

/** Parses and checks a schedule body with the shared rotation rules. */
function parseSchedule<T extends z.ZodType>(
  schema: T,
  body: unknown,
): z.output<T> & { name: string; ownerRef: string; schedule: Schedule } {
  const parsed = parseInput(schema, body, 'schedule') as any;
  parsed.schedule = { ...parsed.schedule, name: parsed.name };
  assertValidSchedule(parsed.schedule);
  return parsed;
}

/** Schedule documents come as YAML (or as JSON). */
const yamlBody = express.text({
  type: ['application/yaml', 'application/x-yaml', 'text/yaml'],
  limit: '1mb',
});

/** The body of an import: a YAML text, or JSON already parsed. */
function readImport(body: unknown): unknown {
  if (typeof body !== 'string') {
    return body;
  }
  try {
    return parseYaml(body);
  } catch (error) {
    throw new InputError(`Invalid YAML: ${(error as Error).message}`);
  }
}

/** The schedule as a document for `POST /schedules/import`. */
function exportDocument(record: ScheduleRecord) {
  const { name: _name, ...schedule } = record.schedule;
  return {
    apiVersion: 'reliability-hub.io/v1alpha1',
    kind: 'Schedule',
    name: record.name,
    ownerRef: record.ownerRef,
    schedule: {
      ...schedule,
      overrides: schedule.overrides.map(({ id: _id, ...o }) => o),
    },
    escalationPolicy: record.escalationPolicy,
  };
}

/**
 * On-call routes: schedules (CRUD, overrides, import/export, final
 * schedule), who is on call, and the iCalendar feeds. Writes are authorized
 * with the schedule permissions against the schedule's OWNER GROUP.
 *
 * @internal
 */
export function createOnCallRouter(options: {
  store: ScheduleStore;
  service: ScheduleService;
  access: EntityAccess;
  visibility: EntityVisibility;
  httpAuth: HttpAuthService;
}) {
  const { store, service, access, visibility, httpAuth } = options;
  const router = Router();

  /** The schedule, if the caller may see its owner group; else 404. */
  async function load(req: Request): Promise<ScheduleRecord> {
    const { id } = parseInput(idSchema, req.params, 'schedule id');
    return visibility.record(
      req,
      await store.getSchedule(id),
      record => record.ownerRef,
      `No schedule with id ${id}`,
    );
  }

  /** The caller must be allowed to update the schedule's owner group(s). */
  async function authorizeUpdate(
    req: Request,
    current: ScheduleRecord,
    newOwner?: string,
  ) {
    const writer = await access.authorize(
      req,
      reliabilityScheduleUpdatePermission,
      current.ownerRef,
    );
    if (newOwner && newOwner !== current.ownerRef) {
      // Handing a schedule to another group needs a say in that group too.
      await access.authorize(
        req,
        reliabilityScheduleUpdatePermission,
        newOwner,
      );
    }
    return writer;
  }

  router.get('/schedules', async (req, res) => {
    const visible = await visibility.of(req);
    res.json(
      await visible.filter(await store.listSchedules(), s => s.ownerRef),
    );
  });

  router.get('/schedules/:id', async (req, res) => {
    res.json(await load(req));
  });

  router.post('/schedules', async (req, res) => {
    const body = parseSchedule(scheduleInputSchema, req.body);
    const { actor } = await access.authorize(
      req,
      reliabilityScheduleCreatePermission,
      body.ownerRef,
    );
    const record = await access.audited(
      req,
      'schedule-create',
      { name: body.name, ownerRef: body.ownerRef },
      () => store.createSchedule(toNewSchedule(body), actor),
    );
    res.status(201).json(record);
  });

  router.put('/schedules/:id', async (req, res) => {
    const current = await load(req);
    const body = parseSchedule(updateSchema, req.body);
    const { actor } = await authorizeUpdate(req, current, body.ownerRef);
    const record = await access.audited(
      req,
      'schedule-update',
      { id: current.id, ownerRef: current.ownerRef },
      () =>
        store.updateSchedule(
          current.id,
          body.version,
          toNewSchedule(body),
          actor,
        ),
    );
    res.json(record);
  });

  router.post('/schedules/:id/overrides', async (req, res) => {
    const current = await load(req);
    const body = parseInput(overrideSchema, req.body, 'override');
    const { actor } = await authorizeUpdate(req, current);
    const record = await access.audited(
      req,
      'schedule-override-add',
      { id: current.id, ownerRef: current.ownerRef, user: body.user },
      () =>
        store.addOverride(
          current.id,
          body.version,
          {
            user: body.user,
            start: body.start,
            end: body.end,
            reason: body.reason,
          },
          actor,
        ),
    );
    res.status(201).json(record);
  });

  router.delete('/schedules/:id/overrides/:overrideId', async (req, res) => {
    const { overrideId } = parseInput(
      overrideIdSchema,
      req.params,
      'override id',
    );
    const { version } = parseInput(versionQuerySchema, req.query, 'version');
    const current = await load(req);
    const { actor } = await authorizeUpdate(req, current);
    const record = await access.audited(
      req,
      'schedule-override-remove',
      { id: current.id, ownerRef: current.ownerRef, overrideId },
      () => store.removeOverride(current.id, version, overrideId, actor),
    );
    res.json(record);
  });

  router.get('/schedules/:id/final', async (req, res) => {
    const record = await load(req);
    const { from, to } = parseInput(finalQuerySchema, req.query, 'range');
    res.json({
      scheduleId: record.id,
      from: from.toISOString(),
      to: to.toISOString(),
      shifts: service.finalOf(record, from, to),
    });
  });

  router.get('/oncall', async (req, res) => {
    const query = parseInput(oncallQuerySchema, req.query, 'on-call query');
    const visible = await visibility.of(req);
    if (query.entityRef) {
      await visible.assertEntity(query.entityRef);
    }
    res.json(
      await visibleOnCall(await service.onCallNow(query), { visible, store }),
    );
  });

  router.get('/schedules/:id/export', async (req, res) => {
    const record = await load(req);
    res
      .type('application/yaml')
      .attachment(`${record.name}.schedule.yaml`)
      .send(stringifyYaml(exportDocument(record)));
  });

  router.post('/schedules/import', yamlBody, async (req, res) => {
    const body = parseSchedule(exportDocumentSchema, readImport(req.body));
    // Names are unique within the owner group.
    const [existing] = await store.listSchedules({
      names: [body.name],
      ownerRefs: [body.ownerRef],
    });
    const input = toNewSchedule(body);
    if (existing) {
      // Importing a schedule that exists replaces it.
      const { actor } = await authorizeUpdate(req, existing, body.ownerRef);
      const record = await access.audited(
        req,
        'schedule-import',
        { id: existing.id, ownerRef: body.ownerRef },
        () => store.updateSchedule(existing.id, existing.version, input, actor),
      );
      res.json(record);
      return;
    }
    const { actor } = await access.authorize(
      req,
      reliabilityScheduleCreatePermission,
      body.ownerRef,
    );
    const record = await access.audited(
      req,
      'schedule-import',
      { name: body.name, ownerRef: body.ownerRef },
      () => store.createSchedule(input, actor),
    );
    res.status(201).json(record);
  });

  router.post('/schedules/:id/feed-token', async (req, res) => {
    const current = await load(req);
    const { actor } = await authorizeUpdate(req, current);
    const token = await access.audited(
      req,
      'schedule-feed-token-rotate',
      { id: current.id, ownerRef: current.ownerRef },
      () => store.rotateFeedToken(current.id, actor),
    );
    // Below the plugin's base URL (/api/reliability).
    res.json({
      path: `/ical/schedules/${current.id}.ics?token=${encodeURIComponent(
        token,
      )}`,
    });
  });

  // Calendar apps have no Backstage token: the secret in the URL is the key,
  // and must not reach the request log.
  router.use('/ical', redactFeedToken);

  router.get('/ical/schedules/:id.ics', async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'schedule id');
    const query = feedQuerySchema.safeParse(req.query);
    if (
      !query.success ||
      !(await store.feedTokenMatches(id, query.data.token))
    ) {
      throw new AuthenticationError('Unknown feed or wrong feed token');
    }
    const record = (await store.getSchedule(id))!;
    const now = new Date();
    const range = feedRange(now);
    const shifts = service.finalOf(
      record,
      new Date(range.start),
      new Date(range.end),
    );
    res
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, max-age=300')
      .send(
        renderCalendar({
          calendarName: `On call: ${record.name}`,
          events: shifts.map(shift => ({
            scheduleId: record.id,
            scheduleName: record.name,
            shift,
          })),
          now,
        }),
      );
  });

  router.post('/feed-token/me', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const userRef =
      credentials.principal.userEntityRef.toLocaleLowerCase('en-US');
    const token = await access.audited(
      req,
      'user-feed-token-rotate',
      { userRef },
      () => store.rotateUserFeedToken(userRef),
    );
    const { namespace, name } = parseEntityRef(userRef);
    res.json({
      path: `/ical/users/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}.ics?token=${encodeURIComponent(token)}`,
    });
  });

  // "My shifts": every shift of one user across all schedules.
  router.get('/ical/users/:namespace/:name.ics', async (req, res) => {
    const { namespace, name } = parseInput(
      userFeedSchema,
      req.params,
      'user feed',
    );
    const userRef = `user:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const query = feedQuerySchema.safeParse(req.query);
    if (
      !query.success ||
      !(await store.userFeedTokenMatches(userRef, query.data.token))
    ) {
      throw new AuthenticationError('Unknown feed or wrong feed token');
    }
    const now = new Date();
    const range = feedRange(now);
    const events = (
      await service.shiftsOfUser(
        userRef,
        new Date(range.start),
        new Date(range.end),
      )
    ).map(({ record, shift }) => ({
      scheduleId: record.id,
      scheduleName: record.name,
      shift,
    }));
    res
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, max-age=300')
      .send(
        renderCalendar({
          calendarName: `My on-call shifts (${name})`,
          events,
          now,
        }),
      );
  });

  return router;
}
