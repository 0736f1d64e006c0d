/**
 * SLO time windows (OpenSLO `timeWindow`): rolling windows that end at the
 * evaluation instant, and calendar-aligned windows computed in a time zone.
 * Instants are epoch milliseconds or Dates; windows are half-open
 * `[start, end)` in epoch milliseconds.
 */
import { DateTime, DurationLikeObject } from 'luxon';

/**
 * The unit letters of an OpenSLO duration: seconds, minutes, hours, days,
 * weeks, Months, Quarters, Years.
 *
 * @public
 */
export type SloDurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

/**
 * A parsed OpenSLO duration such as `28d` → `{ amount: 28, unit: 'd' }`.
 *
 * @public
 */
export interface SloDuration {
  amount: number;
  unit: SloDurationUnit;
}

/**
 * A half-open time window `[start, end)` in epoch milliseconds.
 *
 * @public
 */
export interface SloTimeWindow {
  start: number;
  end: number;
}

const DURATION_PATTERN = /^(\d+)([smhdwMQY])$/;

const LUXON_UNITS: Record<SloDurationUnit, keyof DurationLikeObject> = {
  s: 'seconds',
  m: 'minutes',
  h: 'hours',
  d: 'days',
  w: 'weeks',
  M: 'months',
  Q: 'quarters',
  Y: 'years',
};

/**
 * The units of a fixed length in UTC (no daylight saving there), whose
 * rolling windows are plain arithmetic; months, quarters and years vary.
 */
const FIXED_UNIT_MS: Partial<Record<SloDurationUnit, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const CALENDAR_UNITS = {
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
  Y: 'year',
} as const;

/**
 * Parses an OpenSLO duration string (`^\d+[smhdwMQY]$`, e.g. `5m`, `28d`,
 * `1M`). Note the case: `m` is minutes, `M` is months.
 *
 * @throws Error naming the string when it does not match or is zero.
 * @public
 */
export function parseSloDuration(text: string): SloDuration {
  const match = DURATION_PATTERN.exec(String(text));
  if (!match) {
    throw new Error(
      `Invalid OpenSLO duration ${JSON.stringify(
        text,
      )}: expected a whole number followed by one of s, m, h, d, w, M, Q, Y (e.g. "28d", "1M")`,
    );
  }
  const amount = Number(match[1]);
  if (amount === 0) {
    throw new Error(
      `Invalid OpenSLO duration ${JSON.stringify(
        text,
      )}: must be longer than zero`,
    );
  }
  return { amount, unit: match[2] as SloDurationUnit };
}

function toMillis(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) {
    throw new RangeError(`not a valid instant: ${String(at)}`);
  }
  return ms;
}

function inZone(ms: number, timeZone: string): DateTime {
  const dt = DateTime.fromMillis(ms, { zone: timeZone });
  if (!dt.isValid) {
    throw new RangeError(
      `Unknown time zone ${JSON.stringify(
        timeZone,
      )}: use an IANA name such as "Europe/Berlin" or "UTC"`,
    );
  }
  return dt;
}

/**
 * The rolling window of `duration` that ends at `at`: `[at − duration, at)`.
 * Fixed units (s, m, h, d, w) are exact lengths (a day is 24 hours); M, Q
 * and Y step back by calendar months, quarters or years in UTC.
 *
 * @param duration - an OpenSLO duration such as `28d` or `1h`.
 * @param at - the evaluation instant.
 * @throws Error for an invalid duration.
 * @public
 */
export function rollingWindow(
  duration: string,
  at: Date | number,
): SloTimeWindow {
  const { amount, unit } = parseSloDuration(duration);
  const end = toMillis(at);
  const unitMs = FIXED_UNIT_MS[unit];
  if (unitMs !== undefined) {
    return { start: end - amount * unitMs, end };
  }
  const start = DateTime.fromMillis(end, { zone: 'utc' })
    .minus({ [LUXON_UNITS[unit]]: amount })
    .toMillis();
  return { start, end };
}

/**
 * The calendar-aligned window containing `at`, computed in `timeZone`:
 * `1d` is the local day, `1w` the ISO week (Monday to Monday), `1M` the
 * month, `1Q` the quarter, `1Y` the year, each from local midnight to local
 * midnight. Around daylight-saving changes a window is not a whole number of
 * days: March 2026 in Europe/Berlin has 743 hours, October 2026 745.
 *
 * @param duration - `1d`, `1w`, `1M`, `1Q` or `1Y`.
 * @param at - the instant the window must contain.
 * @param timeZone - an IANA time zone, e.g. `Europe/Berlin`, or `UTC`.
 * @throws Error for a duration that is not a single calendar unit;
 *   RangeError for an unknown time zone.
 * @public
 */
export function calendarWindow(
  duration: string,
  at: Date | number,
  timeZone: string,
): SloTimeWindow {
  const { amount, unit } = parseSloDuration(duration);
  if (amount !== 1 || !(unit in CALENDAR_UNITS)) {
    throw new Error(
      `Calendar-aligned window ${JSON.stringify(
        duration,
      )} is not supported: use one of 1d, 1w, 1M, 1Q, 1Y`,
    );
  }
  const calendarUnit = CALENDAR_UNITS[unit as keyof typeof CALENDAR_UNITS];
  const start = inZone(toMillis(at), timeZone).startOf(calendarUnit);
  const end = start.plus({ [LUXON_UNITS[unit]]: 1 }).startOf(calendarUnit);
  return { start: start.toMillis(), end: end.toMillis() };
}

/**
 * The OpenSLO `timeWindow` fields needed to place a window.
 *
 * @public
 */
export interface SloTimeWindowSpec {
  duration: string;
  isRolling: boolean;
  /** Time zone of a calendar-aligned window; UTC when omitted. */
  timeZone?: string;
}

/**
 * The window of an SLO for an evaluation instant: {@link rollingWindow} when
 * `isRolling`, else {@link calendarWindow} in the spec's time zone (UTC by
 * default).
 *
 * @public
 */
export function sloWindowAt(
  spec: SloTimeWindowSpec,
  at: Date | number,
): SloTimeWindow {
  return spec.isRolling
    ? rollingWindow(spec.duration, at)
    : calendarWindow(spec.duration, at, spec.timeZone ?? 'UTC');
}

/**
 * A window's length in minutes, e.g. for {@link errorBudgetMinutes}
 * (40320 for 28 days).
 *
 * @public
 */
export function windowLengthMinutes(window: SloTimeWindow): number {
  return (window.end - window.start) / 60_000;
}
