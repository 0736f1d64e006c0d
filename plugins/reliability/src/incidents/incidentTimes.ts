import {
  formatDuration,
  Incident,
  secondsBetween,
} from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';

/** "3 days ago", with the exact time for a tooltip. */
export function startedText(incident: Incident, now = DateTime.now()) {
  const started = DateTime.fromISO(incident.startedAt);
  return {
    relative: started.toRelative({ base: now }) ?? incident.startedAt,
    exact: started.toLocaleString(DateTime.DATETIME_MED),
  };
}

/** How long the incident lasted, or has lasted so far. */
export function durationText(incident: Incident, now = new Date()) {
  const end = incident.resolvedAt ?? now.toISOString();
  const seconds = secondsBetween(incident.startedAt, end);
  if (seconds === null || seconds < 0) {
    return '–';
  }
  const text = formatDuration(seconds);
  return incident.resolvedAt ? text : `${text} so far`;
}
