import {
  Incident,
  IncidentEvent,
  IncidentDrillKind,
  IncidentSource,
  IncidentStatus,
} from '@reliability-hub/plugin-reliability-common';
import { randomUUID } from 'node:crypto';
import { toIso, toNumber } from '../database/sql';
import {
  IncidentChanges,
  NewIncident,
  NewIncidentEvent,
} from './IncidentStore';

/*
 * The rows of the `incidents` and `incident_events` tables and their
 * conversions to and from what the API answers.
 */

type Timestamp = Date | number | string;

/** @internal */
export interface IncidentRow {
  id: string;
  human_id?: string | null;
  entity_ref: string;
  title: string;
  severity: string;
  status: string;
  summary: string | null;
  commander: string | null;
  communications: string | null;
  scribe: string | null;
  source: string;
  external_id: string | null;
  runbook_url: string | null;
  started_at: Timestamp;
  detected_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by?: string | null;
  mitigated_at: Timestamp | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
  escalation_level?: number;
  escalated_at?: Timestamp | null;
  drill?: string | null;
  /** Read with the clock facts only (see `clockFactColumns`). */
  last_update_at?: Timestamp | null;
  postmortem_published_at?: Timestamp | null;
}

/** @internal */
export interface EventRow {
  id: string;
  incident_id: string;
  type: string;
  at: Timestamp;
  author: string | null;
  message: string;
  data: string | null;
}

const CHANGE_COLUMNS: Record<keyof IncidentChanges, keyof IncidentRow> = {
  title: 'title',
  severity: 'severity',
  status: 'status',
  summary: 'summary',
  commander: 'commander',
  communications: 'communications',
  scribe: 'scribe',
  runbookUrl: 'runbook_url',
  startedAt: 'started_at',
  detectedAt: 'detected_at',
  acknowledgedAt: 'acknowledged_at',
  acknowledgedBy: 'acknowledged_by',
  mitigatedAt: 'mitigated_at',
  resolvedAt: 'resolved_at',
  escalationLevel: 'escalation_level',
  escalatedAt: 'escalated_at',
};

/** The columns a change sets; undefined fields stay as they are. @internal */
export function changeColumns(
  changes: IncidentChanges,
): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) {
      columns[CHANGE_COLUMNS[key as keyof IncidentChanges]] = value;
    }
  }
  return columns;
}

/** The row of a new incident, at version 1. @internal */
export function newIncidentRow(
  id: string,
  incident: NewIncident,
  now: Date,
): IncidentRow {
  return {
    id,
    entity_ref: incident.entityRef,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    summary: incident.summary ?? null,
    commander: incident.commander ?? null,
    communications: incident.communications ?? null,
    scribe: incident.scribe ?? null,
    source: incident.source,
    external_id: incident.externalId ?? null,
    runbook_url: incident.runbookUrl ?? null,
    started_at: incident.startedAt,
    detected_at: incident.detectedAt ?? null,
    acknowledged_at: incident.acknowledgedAt ?? null,
    acknowledged_by: incident.acknowledgedBy ?? null,
    mitigated_at: incident.mitigatedAt ?? null,
    resolved_at: incident.resolvedAt ?? null,
    drill: incident.drill ?? null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

/** @internal */
export function eventRows(
  incidentId: string,
  events: NewIncidentEvent[],
): EventRow[] {
  return events.map(event => ({
    id: randomUUID(),
    incident_id: incidentId,
    type: event.type,
    at: event.at,
    author: event.author ?? null,
    message: event.message,
    data: event.data ? JSON.stringify(event.data) : null,
  }));
}

/** @internal */
export function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    humanId: row.human_id ?? null,
    title: row.title,
    entityRef: row.entity_ref,
    severity: row.severity,
    status: row.status as IncidentStatus,
    summary: row.summary,
    commander: row.commander,
    communications: row.communications ?? null,
    scribe: row.scribe ?? null,
    source: row.source as IncidentSource,
    externalId: row.external_id,
    runbookUrl: row.runbook_url,
    startedAt: toIso(row.started_at),
    detectedAt: toIso(row.detected_at),
    acknowledgedAt: toIso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by ?? null,
    mitigatedAt: toIso(row.mitigated_at),
    resolvedAt: toIso(row.resolved_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: toNumber(row.version),
    escalationLevel: toNumber(row.escalation_level ?? 1),
    escalatedAt: toIso(row.escalated_at ?? null),
    drill: (row.drill as IncidentDrillKind | null | undefined) ?? null,
    ...(row.last_update_at !== undefined && {
      lastUpdateAt: toIso(row.last_update_at),
    }),
    ...(row.postmortem_published_at !== undefined && {
      postmortemPublishedAt: toIso(row.postmortem_published_at),
    }),
  };
}

/** @internal */
export function toEvent(row: EventRow): IncidentEvent {
  return {
    id: row.id,
    incidentId: row.incident_id,
    type: row.type as IncidentEvent['type'],
    at: toIso(row.at),
    author: row.author,
    message: row.message,
    data: row.data ? JSON.parse(row.data) : null,
  };
}
