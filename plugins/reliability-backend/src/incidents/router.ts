import {
  acknowledgeIncidentRequestSchema,
  createIncidentRequestSchema,
  incidentIdParamsSchema,
  incidentListQuerySchema,
  incidentNoteRequestSchema,
  IncidentTemplateName,
  postIncidentUpdateRequestSchema,
  reliabilityIncidentCreatePermission,
  reliabilityIncidentNotePermission,
  reliabilityIncidentUpdatePermission,
  SeverityLevel,
  updateIncidentRequestSchema,
} from '@reliability-hub/plugin-reliability-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility, withinScope } from '../access/EntityVisibility';
import { parseInput } from '../validation';
import { IncidentService } from './IncidentService';
import { IncidentFilter, IncidentStore } from './IncidentStore';

/**
 * Incident routes: list, read, declare, change, add notes.
 *
 * @internal
 */
export function createIncidentsRouter(options: {
  store: IncidentStore;
  service: IncidentService;
  access: EntityAccess;
  visibility: EntityVisibility;
  severities: SeverityLevel[];
  templates: Record<IncidentTemplateName, string>;
}) {
  const { store, service, access, visibility } = options;
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
    };
    const visible = await visibility.of(req);
    res.json(
      await visible.page(
        { limit: query.limit, cursor: query.cursor },
        {
          list: (page, scope) =>
            store.listIncidents(withinScope(filter, scope), page),
          entityRefs: () => store.listEntityRefs(filter),
          entityRefOf: incident => incident.entityRef,
        },
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
    res.json(await service.get(current.id));
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

  router.patch('/incidents/:id', async (req, res) => {
    const { id } = parseInput(
      incidentIdParamsSchema,
      req.params,
      'incident id',
    );
    const body = parseInput(
      updateIncidentRequestSchema,
      req.body,
      'incident change',
    );
    const current = await load(req, id);
    const { actor } = await access.authorize(
      req,
      reliabilityIncidentUpdatePermission,
      current.entityRef,
    );
    const incident = await access.audited(
      req,
      'incident-update',
      { id: current.id, entityRef: current.entityRef },
      () => service.update(current, body, actor),
    );
    res.json(incident);
  });

  router.post('/incidents/:id/acknowledge', async (req, res) => {
    const { id } = parseInput(
      incidentIdParamsSchema,
      req.params,
      'incident id',
    );
    const body = parseInput(
      acknowledgeIncidentRequestSchema,
      req.body,
      'acknowledgement',
    );
    const current = await load(req, id);
    const { actor } = await access.authorize(
      req,
      reliabilityIncidentUpdatePermission,
      current.entityRef,
    );
    const incident = await access.audited(
      req,
      'incident-acknowledge',
      { id: current.id, entityRef: current.entityRef },
      () => service.acknowledge(current, body.version, actor),
    );
    res.json(incident);
  });

  router.post('/incidents/:id/updates', async (req, res) => {
    const { id } = parseInput(
      incidentIdParamsSchema,
      req.params,
      'incident id',
    );
    const body = parseInput(
      postIncidentUpdateRequestSchema,
      req.body,
      'status update',
    );
    const current = await load(req, id);
    const { actor } = await access.authorize(
      req,
      reliabilityIncidentUpdatePermission,
      current.entityRef,
    );
    const incident = await access.audited(
      req,
      'incident-status-update',
      { id: current.id, entityRef: current.entityRef },
      () => service.postUpdate(current, body, actor),
    );
    res.status(201).json(incident);
  });

  router.post('/incidents/:id/notes', async (req, res) => {
    const { id } = parseInput(
      incidentIdParamsSchema,
      req.params,
      'incident id',
    );
    const body = parseInput(incidentNoteRequestSchema, req.body, 'note');
    const current = await load(req, id);
    const { actor } = await access.authorize(
      req,
      reliabilityIncidentNotePermission,
      current.entityRef,
    );
    const detail = await access.audited(
      req,
      'incident-note',
      { id: current.id, entityRef: current.entityRef },
      () => service.addNote(current.id, body.message, actor),
    );
    res.status(201).json(detail);
  });

  return router;
}
