import {
  acknowledgeIncidentRequestSchema,
  createIncidentRequestSchema,
  escalateIncidentRequestSchema,
  incidentIdParamsSchema,
  incidentListQuerySchema,
  incidentNoteRequestSchema,
  IncidentTemplateName,
  postIncidentUpdateRequestSchema,
  reliabilityIncidentCreatePermission,
  reliabilityIncidentNotePermission,
  reliabilityIncidentUpdatePermission,
  Incident,
  SeverityLevel,
  updateIncidentRequestSchema,
} from '@reliability-hub/plugin-reliability-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { Request, Response } from 'express';
import Router from 'express-promise-router';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { z } from 'zod';
import { parseInput } from '../validation';
import { ScheduleService } from '../oncall/ScheduleService';
import { ScheduleStore } from '../oncall/ScheduleStore';
import { visibleOnCall } from '../oncall/visibleOnCall';
import { IncidentEscalationService } from './escalation/IncidentEscalationService';
import { IncidentService } from './IncidentService';
import { IncidentFilter, IncidentStore } from './IncidentStore';
import { listVisibleIncidents } from './listVisibleIncidents';

/**
 * Incident routes: list, read, declare, change, add notes.
 *
 * @internal
 */
export function createIncidentsRouter(options: {
  store: IncidentStore;
  service: IncidentService;
  escalations: IncidentEscalationService;
  oncall: { store: ScheduleStore; service: ScheduleService };
  access: EntityAccess;
  visibility: EntityVisibility;
  severities: SeverityLevel[];
  templates: Record<IncidentTemplateName, string>;
}) {
  const { store, service, escalations, oncall, access, visibility } = options;
  const router = Router();

  /** The incident, if the caller may see its entity; else 404. */
  async function load(req: Request, id: string) {
    return visibility.record(
      req,
      await store.getIncident(id),
      incident => incident.entityRef,
      `No incident with id ${id}`,
    );
  }

  router.get('/severities', async (_req, res) => {
    res.json(options.severities);
  });

  router.get('/incident-templates', async (_req, res) => {
    res.json(options.templates);
  });

  router.get('/incidents', async (req, res) => {
    const query = parseInput(
      incidentListQuerySchema,
      req.query,
      'incident query',
    );
    const filter: IncidentFilter = {
      entityRefs: query.entityRef,
      status: query.status,
      severities: query.severity,
      startedAfter: query.from ? new Date(query.from) : undefined,
      startedBefore: query.to ? new Date(query.to) : undefined,
      needsAttention: query.needsAttention
        ? { now: new Date(), severities: options.severities }
        : undefined,
      commander: query.commander,
      drill: query.drill,
    };
    res.json(
      await listVisibleIncidents(
        filter,
        { limit: query.limit, cursor: query.cursor },
        { store, visible: await visibility.of(req) },
      ),
    );
  });

  router.get('/incidents/:id', async (req, res) => {
    const { id } = parseInput(
      incidentIdParamsSchema,
      req.params,
      'incident id',
    );
    const current = await load(req, id);
    const [detail, onCall] = await Promise.all([
      service.get(current.id),
      // The chain as far as the caller may see the schedules' teams.
      visibility.of(req).then(async visible =>
        visibleOnCall(
          await oncall.service.onCallNow({ entityRef: current.entityRef }),
          { visible, store: oncall.store },
        ),
      ),
    ]);
    res.json({ ...detail, escalation: escalations.escalationOf(detail, onCall) });
  });

  router.post('/incidents', async (req, res) => {
    const body = parseInput(createIncidentRequestSchema, req.body, 'incident');
    const { actor, via } = await access.authorize(
      req,
      reliabilityIncidentCreatePermission,
      body.entityRef,
    );
    const incident = await access.audited(
      req,
      'incident-create',
      { entityRef: body.entityRef },
      () => service.declare(body, actor, via),
    );
    res.status(201).json(incident);
  });

  /**
   * A change to one incident: parse the id and the body (a 400 naming the
   * field), load the incident (404 if the caller may not see it), authorize
   * the permission on its entity (403), and make the change audited.
   */
  function incidentWrite<T>(write: {
    body: { schema: z.ZodType<T>; name: string };
    permission: ResourcePermission<string>;
    eventId: string;
    status?: number;
    change: (current: Incident, body: T, actor: string) => Promise<unknown>;
  }) {
    return async (req: Request, res: Response) => {
      const { id } = parseInput(
        incidentIdParamsSchema,
        req.params,
        'incident id',
      );
      const body = parseInput(write.body.schema, req.body, write.body.name);
      const current = await load(req, id);
      const { actor } = await access.authorize(
        req,
        write.permission,
        current.entityRef,
      );
      const result = await access.audited(
        req,
        write.eventId,
        { id: current.id, entityRef: current.entityRef },
        () => write.change(current, body, actor),
      );
      res.status(write.status ?? 200).json(result);
    };
  }

  router.patch(
    '/incidents/:id',
    incidentWrite({
      body: { schema: updateIncidentRequestSchema, name: 'incident change' },
      permission: reliabilityIncidentUpdatePermission,
      eventId: 'incident-update',
      change: (current, body, actor) => service.update(current, body, actor),
    }),
  );

  router.post(
    '/incidents/:id/acknowledge',
    incidentWrite({
      body: {
        schema: acknowledgeIncidentRequestSchema,
        name: 'acknowledgement',
      },
      permission: reliabilityIncidentUpdatePermission,
      eventId: 'incident-acknowledge',
      change: (current, body, actor) =>
        service.acknowledge(current, body.version, actor),
    }),
  );

  router.post(
    '/incidents/:id/escalate',
    incidentWrite({
      body: { schema: escalateIncidentRequestSchema, name: 'escalation' },
      permission: reliabilityIncidentUpdatePermission,
      eventId: 'incident-escalate',
      change: (current, body, actor) =>
        escalations.escalate(current, body.version, actor),
    }),
  );

  router.post(
    '/incidents/:id/updates',
    incidentWrite({
      body: { schema: postIncidentUpdateRequestSchema, name: 'status update' },
      permission: reliabilityIncidentUpdatePermission,
      eventId: 'incident-status-update',
      status: 201,
      change: (current, body, actor) =>
        service.postUpdate(current, body, actor),
    }),
  );

  router.post(
    '/incidents/:id/notes',
    incidentWrite({
      body: { schema: incidentNoteRequestSchema, name: 'note' },
      permission: reliabilityIncidentNotePermission,
      eventId: 'incident-note',
      status: 201,
      change: (current, body, actor) =>
        service.addNote(current.id, body.message, actor),
    }),
  );

  return router;
}
