import { Knex } from 'knex';

/*
 * The alerts of an incident as the webhook keeps them (one row per alert
 * fingerprint in `incident_alerts`), and the small conversions between
 * alerts and rows.
 */

/** @internal */
export type Timestamp = Date | number | string;

/** One alert of an incident, as stored. @internal */
export interface AlertRow {
  fingerprint: string;
  alertname: string;
  status: string;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  labels: string;
}

/** A change to the stored alerts: a new one, or new values of one. @internal */
export type AlertRowWrite =
  | { kind: 'insert'; row: AlertRow }
  | { kind: 'update'; fingerprint: string; columns: Partial<AlertRow> };

/** The stored alerts of an incident, by fingerprint. @internal */
export async function readAlertRows(
  tx: Knex.Transaction,
  incidentId: string,
): Promise<Map<string, AlertRow>> {
  const rows = await tx<AlertRow & { incident_id: string }>(
    'incident_alerts',
  ).where({ incident_id: incidentId });
  return new Map(
    rows.map(({ incident_id: _incidentId, ...row }) => [row.fingerprint, row]),
  );
}

/** @internal */
export async function writeAlertRows(
  tx: Knex.Transaction,
  incidentId: string,
  writes: AlertRowWrite[],
): Promise<void> {
  for (const write of writes) {
    if (write.kind === 'insert') {
      await tx('incident_alerts').insert({
        incident_id: incidentId,
        ...write.row,
      });
    } else {
      await tx('incident_alerts')
        .where({ incident_id: incidentId, fingerprint: write.fingerprint })
        .update(write.columns);
    }
  }
}

/** Labels as stable JSON: sorted keys, so equal sets give equal text. @internal */
export function labelsJson(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
}

/** @internal */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
