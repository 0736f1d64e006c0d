import { Incident } from '@reliability-hub/plugin-reliability-common';
import { createHash } from 'node:crypto';
import {
  IncidentChanges,
  NewIncident,
  NewIncidentEvent,
} from '../incidents/IncidentStore';
import { AlertRunbook } from '../runbooks/alertRunbooks';
import { AlertPolicy } from './alertPolicy';
import { AlertRow, AlertRowWrite, truncate } from './alertRows';
import { toEpochMs } from '../database/sql';
import { diffAlerts } from './diffAlerts';
import { AlertmanagerAlert, AlertmanagerPayload } from './payload';

/**
 * Who the change history and the timeline name for changes made from
 * Alertmanager's notifications, and the incidents' source.
 *
 * @internal
 */
export const ALERTMANAGER = 'alertmanager';

const MAX_EXTERNAL_ID = 255;
const MAX_TITLE = 255;
const MAX_MESSAGE = 4000;

/**
 * The de-duplication key of the incident of one alert group on one entity:
 * `<entity ref>|<group key>`, or its SHA-256 when that exceeds the column.
 *
 * @internal
 */
export function alertGroupExternalId(
  groupKey: string,
  entityRef: string,
): string {
  const plain = `${entityRef}|${groupKey}`;
  if (plain.length <= MAX_EXTERNAL_ID) {
    return plain;
  }
  return `sha256:${createHash('sha256').update(plain).digest('hex')}`;
}

/**
 * One alert group's notification as it concerns one entity, with what is
 * stored of its incident.
 *
 * @internal
 */
export interface AlertGroupState {
  /** The notification (its `alerts` are ignored: see `alerts`). */
  payload: Omit<AlertmanagerPayload, 'alerts'>;
  entity: { entityRef: string; name: string };
  /** The alerts of the notification that match the entity's selector. */
  alerts: AlertmanagerAlert[];
  /** The group's incident on the entity, if it has one. */
  incident?: Incident;
  /** The incident's stored alerts, by fingerprint. */
  stored: ReadonlyMap<string, AlertRow>;
  /** The runbook that names one of the firing alerts, if any. */
  runbook?: AlertRunbook;
  policy: AlertPolicy;
  now: Date;
}

/**
 * What to write for one alert group on one entity: the incident to open, or
 * the changes to its incident, the timeline events and the alerts' rows.
 *
 * @internal
 */
export interface AlertGroupChanges {
  /** The incident to open; absent when the group already has one. */
  open?: NewIncident;
  /** Fields of the existing incident to change; empty for none. */
  changes: IncidentChanges;
  events: NewIncidentEvent[];
  alerts: AlertRowWrite[];
  /** The incident is resolved afterwards. */
  resolved: boolean;
}

/**
 * Decides what one notification does to its alert group's incident on one
 * entity: opens it on the first firing alert, records alerts firing and
 * resolving once each (so replays change nothing), resolves it when all of
 * its alerts have resolved (unless the policy says not to) and reopens it
 * when an alert fires again. Answers undefined for a group that arrives
 * resolved before it ever had an incident. Pure: the caller writes.
 *
 * @internal
 */
export function reconcileAlertGroup(
  state: AlertGroupState,
): AlertGroupChanges | undefined {
  const { incident, now } = state;
  const diff = diffAlerts(state.alerts, state.stored, now);
  const changes: IncidentChanges = {};
  const events: NewIncidentEvent[] = [];
  let open: NewIncident | undefined;
  let status = incident?.status;

  if (!incident) {
    if (!state.alerts.some(alert => alert.status === 'firing')) {
      return undefined;
    }
    open = newIncident(state);
    status = open.status;
    events.push(...openingEvents(state, open), ...diff.events);
  } else {
    events.push(...diff.events);
    const all = [...diff.after.values()];
    if (
      status !== 'resolved' &&
      state.policy.resolveIncidents &&
      all.length > 0 &&
      all.every(alert => alert.status === 'resolved')
    ) {
      changes.status = 'resolved';
      changes.resolvedAt = resolutionTime(incident, all, now);
      events.push({
        type: 'status_change',
        at: now,
        message: `Status: ${status} → resolved (all alerts resolved)`,
        data: { from: status, to: 'resolved' },
      });
    } else if (status === 'resolved' && diff.refiring.length) {
      changes.status = 'investigating';
      changes.resolvedAt = null;
      const names = diff.refiring.map(a => a.labels.alertname ?? 'alert');
      events.push({
        type: 'status_change',
        at: now,
        message: `Reopened: resolved → investigating (${names.join(
          ', ',
        )} firing again)`,
        data: { from: status, to: 'investigating' },
      });
    }
    const runbookUrl = incident.runbookUrl
      ? undefined
      : annotatedRunbookUrl(state) ?? state.runbook?.url;
    if (runbookUrl) {
      changes.runbookUrl = runbookUrl;
    }
    status = changes.status ?? status;
  }
  return {
    open,
    changes,
    events: events.map(event => ({
      ...event,
      author: ALERTMANAGER,
      message: truncate(event.message, MAX_MESSAGE),
    })),
    alerts: diff.writes,
    resolved: status === 'resolved',
  };
}

function newIncident(state: AlertGroupState): NewIncident {
  const { payload, entity, alerts, now } = state;
  const firing = alerts.filter(alert => alert.status === 'firing');
  const alertname =
    payload.commonLabels.alertname ?? firing[0].labels.alertname ?? 'Alert';
  const title =
    payload.commonAnnotations.summary || `${alertname} on ${entity.name}`;
  return {
    entityRef: entity.entityRef,
    title: truncate(title, MAX_TITLE),
    severity: state.policy.severityOf(firing),
    status: 'investigating',
    summary: payload.commonAnnotations.description || undefined,
    source: ALERTMANAGER,
    externalId: alertGroupExternalId(payload.groupKey, entity.entityRef),
    runbookUrl: annotatedRunbookUrl(state) ?? state.runbook?.url,
    // Never after detection, even if Alertmanager's clock runs ahead of ours.
    startedAt: new Date(
      Math.min(now.getTime(), ...alerts.map(alert => alert.startsAt.getTime())),
    ),
    detectedAt: now,
  };
}

function openingEvents(
  state: AlertGroupState,
  incident: NewIncident,
): NewIncidentEvent[] {
  const { payload, runbook, now } = state;
  const events: NewIncidentEvent[] = [
    {
      type: 'created',
      at: now,
      message: `Opened from Alertmanager: ${incident.title}`,
      data: {
        status: incident.status,
        groupKey: payload.groupKey,
        groupLabels: payload.groupLabels,
        externalURL: payload.externalURL,
        receiver: payload.receiver ?? null,
      },
    },
  ];
  if (runbook) {
    events.push({
      type: 'note',
      at: now,
      message: `Runbook for ${runbook.alertname}: ${runbook.title}`,
      data: { runbookId: runbook.id, runbookUrl: runbook.url },
    });
  }
  return events;
}

/**
 * When the last alert ended; never before a time already on the incident,
 * so the lifecycle's order stays valid.
 */
function resolutionTime(incident: Incident, alerts: AlertRow[], now: Date) {
  const times = [
    incident.startedAt,
    incident.detectedAt,
    incident.acknowledgedAt,
    incident.mitigatedAt,
  ].filter((time): time is string => Boolean(time));
  return new Date(
    Math.max(
      ...alerts.map(alert => toEpochMs(alert.ends_at ?? now)),
      ...times.map(toEpochMs),
    ),
  );
}

/** The `runbook_url` annotation of the group, or of its first alert that has one. */
function annotatedRunbookUrl(state: AlertGroupState): string | undefined {
  const url =
    state.payload.commonAnnotations.runbook_url ||
    state.alerts.find(alert => alert.annotations.runbook_url)?.annotations
      .runbook_url;
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
