import {
  EntityIncidentSummary,
  Incident,
  IncidentSource,
  IncidentStatus,
  Page,
} from '@reliability-hub/plugin-reliability-common';

/**
 * Which incidents to list.
 *
 * @internal
 */
export interface IncidentFilter {
  entityRefs?: string[];
  /** `open` means every status but resolved. */
  status?: IncidentStatus | 'open';
  severities?: string[];
  startedAfter?: Date;
  startedBefore?: Date;
}

/**
 * An event on an incident's timeline.
 *
 * @internal
 */
export interface IncidentEvent {
  id: string;
  incidentId: string;
  type: string;
  at: string;
  author: string | null;
  message: string;
  data: Record<string, unknown> | null;
}

/**
 * A new incident. Without an id one is generated.
 *
 * @internal
 */
export interface NewIncident {
  id?: string;
  title: string;
  entityRef: string;
  severity: string;
  status: IncidentStatus;
  summary?: string;
  commander?: string;
  source: IncidentSource;
  externalId?: string;
  runbookUrl?: string;
  startedAt: Date;
  detectedAt?: Date;
  acknowledgedAt?: Date;
  mitigatedAt?: Date;
  resolvedAt?: Date;
}

/**
 * A new event on an incident's timeline.
 *
 * @internal
 */
export interface NewIncidentEvent {
  type: string;
  at: Date;
  author?: string;
  message: string;
  data?: Record<string, unknown>;
}

/**
 * Storage of incidents and their timelines.
 *
 * @internal
 */
export interface IncidentStore {
  listIncidents(
    filter: IncidentFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Incident>>;

  getIncident(id: string): Promise<Incident | undefined>;

  listEvents(incidentId: string): Promise<IncidentEvent[]>;

  /** Creates an incident with its first timeline events, recorded in the audit trail as `actor`. */
  createIncident(
    incident: NewIncident,
    events: NewIncidentEvent[],
    actor: string,
  ): Promise<Incident>;

  getEntitySummary(
    entityRef: string,
    options: { now: Date; recentLimit: number },
  ): Promise<EntityIncidentSummary>;
}
