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
