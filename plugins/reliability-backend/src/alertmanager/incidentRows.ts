import { toIso } from '../database/sql';

/*
 * The rows the webhook writes (incidents, their alerts and timeline events),
 * and the small conversions between alerts and rows.
 */

/** @internal */
export type Timestamp = Date | number | string;

/** @internal */
export interface IncidentRow {
  id: string;
  entity_ref: string;
  title: string;
  severity: string;
  status: string;
  runbook_url: string | null;
  started_at: Timestamp;
  detected_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  mitigated_at: Timestamp | null;
  resolved_at: Timestamp | null;
  version: number | string;
  [column: string]: unknown;
}

/** @internal */
export interface AlertRow {
  incident_id: string;
  fingerprint: string;
  alertname: string;
  status: string;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  labels: string;
}

/** @internal */
export interface EventRow {
  id: string;
  incident_id: string;
  type: string;
  at: Date;
  author: string;
  message: string;
  data: string | null;
}

/** @internal */
export const millis = (value: Timestamp) => Date.parse(toIso(value));

/** Labels as stable JSON: sorted keys, so equal sets give equal text. */
/** @internal */
export function labelsJson(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
}

/** The audit trail's view of an incident row: camelCase, times as ISO strings. */
/** @internal */
export function snapshot(row: IncidentRow): Record<string, unknown> {
  const field = (column: string, value: unknown) => {
    if (column === 'version') {
      return Number(value);
    }
    if (column.endsWith('_at') && value !== null && value !== undefined) {
      return toIso(value as Timestamp);
    }
    return value;
  };
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      field(column, value),
    ]),
  );
}

/** @internal */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
