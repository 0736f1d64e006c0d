import { NotFoundError } from '@backstage/errors';
import { INCIDENT_STATUSES } from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { entityRefSchema, parseInput } from '../validation';
import { IncidentStore } from './IncidentStore';

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(value =>
      (Array.isArray(value) ? value : [value])
        .flatMap(part => part.split(','))
        .map(part => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(50));

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

/**
 * Read routes of incidents.
 *
 * @internal
 */
export function createIncidentsRouter(options: { store: IncidentStore }) {
  const { store } = options;
  const router = Router();

  router.get('/incidents', async (req, res) => {
    const query = parseInput(listQuerySchema, req.query, 'incident query');
    const page = await store.listIncidents(
      {
        entityRefs: query.entityRef,
        status: query.status,
        severities: query.severity,
        startedAfter: query.from ? new Date(query.from) : undefined,
        startedBefore: query.to ? new Date(query.to) : undefined,
      },
      { limit: query.limit, cursor: query.cursor },
    );
    res.json(page);
  });

  router.get('/incidents/:id', async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'incident id');
    const incident = await store.getIncident(id);
    if (!incident) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    res.json({ ...incident, timeline: await store.listEvents(id) });
  });

  return router;
}
