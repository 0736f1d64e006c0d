/**
 * Where an incident was opened.
 *
 * @public
 */
export type IncidentSource = 'portal' | 'api' | 'alertmanager';

/**
 * The lifecycle of an incident, in order.
 *
 * @public
 */
export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
] as const;

/**
 * One step of the incident lifecycle.
 *
 * @public
 */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * An incident as the API returns it. Times are ISO 8601 strings in UTC.
 *
 * @public
 */
export interface Incident {
  id: string;
  title: string;
  /** Entity ref of the component, as `stringifyEntityRef` writes it. */
  entityRef: string;
  severity: string;
  status: IncidentStatus;
  summary: string | null;
  commander: string | null;
  source: IncidentSource;
  externalId: string | null;
  runbookUrl: string | null;
  startedAt: string;
  detectedAt: string | null;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * Incident counts of one severity.
 *
 * @public
 */
export interface SeverityCount {
  severity: string;
  count: number;
}

/**
 * What the entity page shows about an entity's incidents.
 *
 * @public
 */
export interface EntityIncidentSummary {
  /** Incidents not yet resolved. */
  openCount: number;
  /** Incidents started in the last 30 days, by severity. */
  last30Days: SeverityCount[];
  /** Incidents started in the last 90 days, by severity. */
  last90Days: SeverityCount[];
  /** Mean time to acknowledge over the last 90 days, in seconds; null without data. */
  mttaSeconds: number | null;
  /** Mean time to resolve over the last 90 days, in seconds; null without data. */
  mttrSeconds: number | null;
  /** The most recent incidents, newest first. */
  recent: Incident[];
}

/**
 * One page of a list answered by the API. `nextCursor` is absent on the last page.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
