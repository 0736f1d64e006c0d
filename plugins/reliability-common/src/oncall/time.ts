import { DateTime } from 'luxon';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight of `HH:mm` (or `24:00`), or undefined. */
export function parseTimeOfDay(
  value: unknown,
  allowEndOfDay = false,
): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  if (allowEndOfDay && value === '24:00') {
    return 24 * 60;
  }
  const match = HH_MM.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/**
 * Epoch milliseconds of an ISO date or date-time; strings without an offset
 * are read in `zone`. NaN when unparseable.
 */
export function parseInstantOrNaN(value: unknown, zone: string): number {
  if (typeof value !== 'string') {
    return NaN;
  }
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toMillis() : NaN;
}

/** Like {@link parseInstantOrNaN} but throws on bad input. */
export function parseInstant(value: string, zone: string): number {
  const ms = parseInstantOrNaN(value, zone);
  if (Number.isNaN(ms)) {
    throw new Error(`Not an ISO date-time in ${zone}: ${value}`);
  }
  return ms;
}

/** What `Date.prototype.toISOString` writes, the form instants are stored in. */
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Like {@link parseInstant}, fast for instants in their stored form (what
 * `toISOString` writes), which need no zone rules.
 */
export function parseStoredInstant(value: string, zone: string): number {
  if (STORED_INSTANT.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms) && new Date(ms).toISOString() === value) {
      return ms;
    }
  }
  return parseInstant(value, zone);
}

/** ISO string in UTC with milliseconds, like `Date.prototype.toISOString`. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Milliseconds per day of 24 hours. */
export const DAY_MS = 86_400_000;

/**
 * A calendar date without a zone, as the number of days since 1970-01-01,
 * so that day arithmetic is plain arithmetic, free of daylight-saving
 * effects.
 */
export type LocalDay = number;

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day. */
export function weekdayOf(day: LocalDay): number {
  // 1970-01-01 was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Milliseconds per hour. */
export const HOUR_MS = 3_600_000;
