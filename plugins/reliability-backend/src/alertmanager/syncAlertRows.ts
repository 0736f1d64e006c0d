import { Knex } from 'knex';
import { toIso } from '../database/sql';
import { AlertRow, labelsJson, millis, truncate } from './incidentRows';
import { AlertmanagerAlert } from './payload';

/**
 * Brings an incident's stored alerts up to date with one notification: a new
 * fingerprint is added, a firing alert that resolved is closed, a resolved
 * alert that starts again is reopened, and each of these changes gets a
 * timeline event; an alert in the state already stored (a replay, or an older
 * notification) changes nothing. `stored` is updated in place.
 *
 * @returns the alerts that fire anew (they reopen a resolved incident).
 * @internal
 */
export async function syncAlertRows(
  tx: Knex.Transaction,
  options: {
    incidentId: string;
    alerts: AlertmanagerAlert[];
    stored: Map<string, AlertRow>;
    now: Date;
    event: (
      incidentId: string,
      type: string,
      at: Date,
      message: string,
      data: Record<string, unknown>,
    ) => void;
  },
): Promise<AlertmanagerAlert[]> {
  const { incidentId, alerts, stored, now, event } = options;
  const refiring: AlertmanagerAlert[] = [];
  for (const alert of alerts) {
    const previous = stored.get(alert.fingerprint);
    const resolved = alert.status === 'resolved';
    const next: AlertRow = {
      incident_id: incidentId,
      fingerprint: alert.fingerprint,
      alertname: truncate(alert.labels.alertname ?? '', 255),
      status: alert.status,
      starts_at: alert.startsAt,
      ends_at: resolved ? alert.endsAt ?? now : null,
      labels: labelsJson(alert.labels),
    };
    if (!previous) {
      await tx('incident_alerts').insert(next);
      if (!resolved) {
        refiring.push(alert);
      }
    } else if (previous.status === 'firing' && resolved) {
      await tx('incident_alerts')
        .where({ incident_id: incidentId, fingerprint: alert.fingerprint })
        .update({ status: next.status, ends_at: next.ends_at });
    } else if (
      previous.status === 'resolved' &&
      !resolved &&
      alert.startsAt.getTime() > millis(previous.starts_at)
    ) {
      await tx('incident_alerts')
        .where({ incident_id: incidentId, fingerprint: alert.fingerprint })
        .update({
          status: next.status,
          starts_at: next.starts_at,
          ends_at: null,
          labels: next.labels,
        });
      refiring.push(alert);
    } else {
      // Same state as stored (a replay, or an older notification): nothing to record.
      continue;
    }
    stored.set(alert.fingerprint, next);
    const name = alert.labels.alertname ?? 'Alert';
    const summary = alert.annotations.summary;
    event(
      incidentId,
      resolved ? 'alert_resolved' : 'alert_firing',
      resolved ? (next.ends_at as Date) : alert.startsAt,
      `${name} ${resolved ? 'resolved' : 'firing'}${
        summary ? `: ${summary}` : ''
      }`,
      {
        fingerprint: alert.fingerprint,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: alert.startsAt.toISOString(),
        endsAt: next.ends_at ? toIso(next.ends_at) : null,
        generatorURL: alert.generatorURL ?? null,
      },
    );
  }
  return refiring;
}
