import {
  INCIDENT_STATUSES,
  reliabilityIncidentCreatePermission,
  reliabilityIncidentUpdatePermission,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility, withinScope } from '../access/EntityVisibility';
import {
  csv,
  entityRefSchema,
  isoDate,
  parseInput,
  userRefSchema,
} from '../validation';
import { IncidentService } from './IncidentService';
import { IncidentFilter, IncidentStore } from './IncidentStore';

const listQuerySchema = z
  .object({
    entityRef: csv(entityRefSchema).optional(),
    status: z.enum([...INCIDENT_STATUSES, 'open']).optional(),
    severity: csv(z.string().min(1).max(32)).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict();

const idSchema = z.object({ id: z.uuid() });

const text = (max: number) => z.string().trim().min(1).max(max);

const createSchema = z
  .object({
    entityRef: entityRefSchema,
    title: text(255),
    severity: text(32),
    summary: z.string().max(20_000).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    commander: userRefSchema.optional(),
    communications: userRefSchema.optional(),
    scribe: userRefSchema.optional(),
    startedAt: isoDate.optional(),
    detectedAt: isoDate.optional(),
  })
  .strict();

const updateSchema = z
  .object({
    version: z.number().int().min(1),
    title: text(255).optional(),
    severity: text(32).optional(),
    summary: z.string().max(20_000).nullable().optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    commander: userRefSchema.nullable().optional(),
    communications: userRefSchema.nullable().optional(),
    scribe: userRefSchema.nullable().optional(),
    startedAt: isoDate.optional(),
    detectedAt: isoDate.nullable().optional(),
    acknowledgedAt: isoDate.nullable().optional(),
    mitigatedAt: isoDate.nullable().optional(),
    resolvedAt: isoDate.nullable().optional(),
    note: z.string().trim().min(1).max(5_000).optional(),
  })
  .strict();

const noteSchema = z.object({ message: text(5_000) }).strict();

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

  router.get('/incidents', async (req, res) => {
    const query = parseInput(listQuerySchema, req.query, 'incident query');
    const filter: IncidentFilter = {
      entityRefs: query.entityRef,
      status: query.status,
      severities: query.severity,
      startedAfter: query.from ? new Date(query.from) : undefined,
      startedBefore: query.to ? new Date(query.to) : undefined,
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
    const { id } = parseInput(idSchema, req.params, 'incident id');
    await load(req, id);
    res.json(await service.get(id));
  });

  router.post('/incidents', async (req, res) => {
    const body = parseInput(createSchema, req.body, 'incident');
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
    const { id } = parseInput(idSchema, req.params, 'incident id');
    const body = parseInput(updateSchema, req.body, 'incident change');
    const current = await load(req, id);
    const { actor } = await access.authorize(
      req,
      reliabilityIncidentUpdatePermission,
      current.entityRef,
    );
    const incident = await access.audited(
      req,
      'incident-update',
      { id, entityRef: current.entityRef },
      () => service.update(current, body, actor),
    );
    res.json(incident);
  });

  router.post('/incidents/:id/notes', async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'incident id');
    const body = parseInput(noteSchema, req.body, 'note');
    const current = await load(req, id);
    const { actor } = await access.authorize(
      req,
      reliabilityIncidentUpdatePermission,
      current.entityRef,
    );
    const detail = await access.audited(
      req,
      'incident-note',
      { id, entityRef: current.entityRef },
      () => service.addNote(id, body.message, actor),
    );
    res.status(201).json(detail);
  });

  return router;
}
