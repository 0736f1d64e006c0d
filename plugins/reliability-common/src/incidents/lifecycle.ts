import { IncidentStatus } from './types';

/**
 * Whether an incident in this status still needs attention.
 *
 * @public
 */
export function isIncidentOpen(status: IncidentStatus): boolean {
  return status !== 'resolved';
}

/**
 * Whole seconds from one ISO timestamp to another, or null when either is missing.
 *
 * @public
 */
export function secondsBetween(
  from: string | null | undefined,
  to: string | null | undefined,
): number | null {
  if (!from || !to) {
    return null;
  }
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

/**
 * A duration as people say it on an incident page: `45 s`, `12 min`,
 * `1 h 15 min`, `3 d 4 h`. Only the two largest units are kept.
 *
 * @public
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`Not a duration: ${seconds}`);
  }
  const s = Math.round(seconds);
  if (s < 60) {
    return `${s} s`;
  }
  const minutes = Math.floor(s / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

/**
 * An incident id people say aloud: `INC-20261207-001`.
 *
 * @public
 */
export const INCIDENT_HUMAN_ID_PATTERN = /^INC-\d{8}-\d{3,6}$/;

/**
 * The human-readable id of the `number`th incident started on the UTC day of
 * `startedAt`: `INC-YYYYMMDD-NNN`, three digits at least.
 *
 * @public
 */
export function formatIncidentHumanId(startedAt: Date, number: number): string {
  const day = startedAt.toISOString().slice(0, 10).replace(/-/g, '');
  return `INC-${day}-${String(number).padStart(3, '0')}`;
}

/**
 * The label of an incident in lists and headings: its human-readable id when
 * it has one.
 *
 * @public
 */
export function incidentLabel(incident: {
  id: string;
  humanId?: string | null;
}): string {
  return incident.humanId ?? incident.id;
}
