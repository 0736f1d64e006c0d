/**
 * The timestamps of an incident, ISO strings or null.
 *
 * @public
 */
export interface IncidentTimes {
  startedAt: string;
  detectedAt?: string | null;
  acknowledgedAt?: string | null;
  mitigatedAt?: string | null;
  resolvedAt?: string | null;
}

/**
 * The timestamps of an incident, in lifecycle order.
 *
 * @public
 */
export const INCIDENT_TIME_FIELDS = [
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

/**
 * Checks that an incident's times happen in lifecycle order (started ≤
 * detected ≤ acknowledged ≤ mitigated ≤ resolved; missing ones are skipped).
 * Answers the first problem, naming both fields, or undefined when in order.
 *
 * @public
 */
export function findIncidentTimeProblem(
  times: IncidentTimes,
): string | undefined {
  let previous: { field: string; at: number } | undefined;
  for (const field of INCIDENT_TIME_FIELDS) {
    const value = times[field];
    if (value === null || value === undefined) {
      continue;
    }
    const at = Date.parse(value);
    if (Number.isNaN(at)) {
      return `${field}: not a date: ${value}`;
    }
    if (previous && at < previous.at) {
      return `${field}: must not be before ${previous.field}`;
    }
    previous = { field, at };
  }
  return undefined;
}
