import { Incident } from '@reliability-hub/plugin-reliability-common';
import { z as zod } from 'zod/v3';

/**
 * An incident as the actions answer it: what a responder asks about first.
 *
 * @internal
 */
export function incidentOutput(z: typeof zod) {
  return z.object({
    id: z.string(),
    humanId: z.string().nullable(),
    title: z.string(),
    entityRef: z.string(),
    severity: z.string(),
    status: z.string(),
    commander: z.string().nullable(),
    startedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    summary: z.string().nullable(),
  });
}

/** The longest summary an action answers with. */
const MAX_SUMMARY = 1_000;

/**
 * The fields of {@link incidentOutput} of an incident.
 *
 * @internal
 */
export function toIncidentOutput(incident: Incident) {
  return {
    id: incident.id,
    humanId: incident.humanId ?? null,
    title: incident.title,
    entityRef: incident.entityRef,
    severity: incident.severity,
    status: incident.status,
    commander: incident.commander,
    startedAt: incident.startedAt,
    acknowledgedAt: incident.acknowledgedAt,
    summary: incident.summary && incident.summary.slice(0, MAX_SUMMARY),
  };
}
