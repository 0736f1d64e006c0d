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

/** ISO string in UTC with milliseconds, like `Date.prototype.toISOString`. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A calendar date without a zone, held as a UTC midnight so that day
 * arithmetic is free of daylight-saving effects.
 */
export type LocalDate = DateTime;

/** The local date of an instant in a zone. */
export function localDateOf(ms: number, zone: string): LocalDate {
  const local = DateTime.fromMillis(ms, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

/**
 * The instant at which the wall clock in `zone` shows `minutes` after
 * midnight on `date` (1440 means the next midnight). A time skipped by
 * spring-forward moves forward by the gap; a time repeated at fall-back is
 * the later occurrence (luxon's resolution).
 */
export function wallClock(
  date: LocalDate,
  minutes: number,
  zone: string,
): number {
  const day = date.plus({ days: Math.floor(minutes / 1440) });
  const rest = minutes % 1440;
  return DateTime.fromObject(
    {
      year: day.year,
      month: day.month,
      day: day.day,
      hour: Math.floor(rest / 60),
      minute: rest % 60,
    },
    { zone },
  ).toMillis();
}

/** Milliseconds per hour. */
export const HOUR_MS = 3_600_000;
