import { NewIncidentEvent } from '../incidents/IncidentStore';
import { AlertRow, AlertRowWrite, labelsJson, truncate } from './alertRows';
import { toEpochMs } from '../database/sql';
import { AlertmanagerAlert } from './payload';

/**
 * What one notification changes of an incident's stored alerts: a new
 * fingerprint is added, a firing alert that resolved is closed, a resolved
 * alert that starts again is reopened, and each of these changes gets a
 * timeline event; an alert in the state already stored (a replay, or an older
 * notification) changes nothing. Pure: the caller writes.
 *
 * @internal
 */
export function diffAlerts(
  alerts: AlertmanagerAlert[],
  stored: ReadonlyMap<string, AlertRow>,
  now: Date,
): {
  writes: AlertRowWrite[];
  events: NewIncidentEvent[];
  /** The alerts that fire anew (they reopen a resolved incident). */
  refiring: AlertmanagerAlert[];
  /** The alerts as stored after the writes. */
  after: Map<string, AlertRow>;
} {
  const after = new Map(stored);
  const writes: AlertRowWrite[] = [];
  const events: NewIncidentEvent[] = [];
  const refiring: AlertmanagerAlert[] = [];
  for (const alert of alerts) {
    const previous = stored.get(alert.fingerprint);
    const resolved = alert.status === 'resolved';
    const next: AlertRow = {
      fingerprint: alert.fingerprint,
      alertname: truncate(alert.labels.alertname ?? '', 255),
      status: alert.status,
      starts_at: alert.startsAt,
      ends_at: resolved ? alert.endsAt ?? now : null,
      labels: labelsJson(alert.labels),
    };
    const { fingerprint } = alert;
    if (!previous) {
      writes.push({ kind: 'insert', row: next });
      if (!resolved) {
        refiring.push(alert);
      }
    } else if (previous.status === 'firing' && resolved) {
      const columns = { status: next.status, ends_at: next.ends_at };
      writes.push({ kind: 'update', fingerprint, columns });
    } else if (
      previous.status === 'resolved' &&
      !resolved &&
      alert.startsAt.getTime() > toEpochMs(previous.starts_at)
    ) {
      const { status, starts_at, labels } = next;
      const columns = { status, starts_at, ends_at: null, labels };
      writes.push({ kind: 'update', fingerprint, columns });
      refiring.push(alert);
    } else {
      // Same state as stored (a replay, or an older notification): nothing to record.
      continue;
    }
    after.set(fingerprint, next);
    events.push(alertEvent(alert, next.ends_at as Date | null));
  }
  return { writes, events, refiring, after };
}

function alertEvent(
  alert: AlertmanagerAlert,
  endsAt: Date | null,
): NewIncidentEvent {
  const name = alert.labels.alertname ?? 'Alert';
  const summary = alert.annotations.summary;
  const resolved = alert.status === 'resolved';
  return {
    type: resolved ? 'alert_resolved' : 'alert_firing',
    at: resolved ? endsAt! : alert.startsAt,
    message: `${name} ${resolved ? 'resolved' : 'firing'}${
      summary ? `: ${summary}` : ''
    }`,
    data: {
      fingerprint: alert.fingerprint,
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: alert.startsAt.toISOString(),
      endsAt: endsAt ? endsAt.toISOString() : null,
      generatorURL: alert.generatorURL ?? null,
    },
  };
}
