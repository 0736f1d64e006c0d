import { DateTime } from 'luxon';
import { DAY_MS } from './time';
import { ZoneClock } from './zoneClock';

/**
 * The parts of the ISO forms schedules are written in, read without luxon
 * (which takes microseconds per string) nor a regular expression (whose
 * match allocates): a date, or a date-time to the minute, second or
 * millisecond, with or without an offset (`YYYY-MM-DD`,
 * `YYYY-MM-DDTHH:mm[:ss[.SSS]][Z|±HH:mm]`). Other ISO forms go to luxon.
 * Filled by {@link readCommonIso}, read at once.
 */
const parts = {
  year: 0,
  month: 0,
  day: 0,
  hour: 0,
  minute: 0,
  second: 0,
  millisecond: 0,
  /** 0 without an offset, 1 for `Z` or `+`, -1 for `-`. */
  offsetSign: 0,
  offsetMinutes: 0,
};

/** The number written by `count` ASCII digits at `at`, or -1. */
function digitsAt(value: string, at: number, count: number): number {
  let result = 0;
  for (let i = at; i < at + count; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) {
      return -1;
    }
    result = result * 10 + digit;
  }
  return result;
}

/** Reads `value` into {@link parts}; false when it is not a common form. */
function readCommonIso(value: string): boolean {
  const length = value.length;
  if (length < 10 || value[4] !== '-' || value[7] !== '-') {
    return false;
  }
  parts.year = digitsAt(value, 0, 4);
  parts.month = digitsAt(value, 5, 2);
  parts.day = digitsAt(value, 8, 2);
  parts.hour = 0;
  parts.minute = 0;
  parts.second = 0;
  parts.millisecond = 0;
  parts.offsetSign = 0;
  parts.offsetMinutes = 0;
  if (parts.year < 0 || parts.month < 0 || parts.day < 0) {
    return false;
  }
  if (length === 10) {
    return true;
  }
  if (length < 16 || value[10] !== 'T' || value[13] !== ':') {
    return false;
  }
  parts.hour = digitsAt(value, 11, 2);
  parts.minute = digitsAt(value, 14, 2);
  if (parts.hour < 0 || parts.minute < 0) {
    return false;
  }
  let i = 16;
  if (value[i] === ':') {
    parts.second = digitsAt(value, i + 1, 2);
    if (parts.second < 0) {
      return false;
    }
    i += 3;
    if (value[i] === '.') {
      parts.millisecond = digitsAt(value, i + 1, 3);
      if (parts.millisecond < 0) {
        return false;
      }
      i += 4;
    }
  }
  if (value[i] === 'Z') {
    parts.offsetSign = 1;
    i += 1;
  } else if (value[i] === '+' || value[i] === '-') {
    const hours = digitsAt(value, i + 1, 2);
    const minutes = digitsAt(value, i + 4, 2);
    if (value[i + 3] !== ':' || hours < 0 || minutes < 0) {
      return false;
    }
    parts.offsetSign = value[i] === '-' ? -1 : 1;
    parts.offsetMinutes = hours * 60 + minutes;
    i += 6;
  }
  return i === length;
}

/**
 * Epoch milliseconds of an ISO date or date-time; NaN when unparseable.
 *
 * A string without an offset is a wall-clock time in `zone`, resolved as
 * RFC 5545 §3.3.5 (and Temporal's `compatible`, and java.time) do: a time
 * that occurs twice, at fall-back, is its first occurrence; one that does
 * not occur, at spring-forward, is read with the offset before the gap.
 * luxon alone would pick whichever offset the zone has on the day the code
 * runs, so the same schedule would hand off at another instant in summer.
 */
export function parseInstantOrNaN(value: unknown, zone: string): number {
  if (typeof value !== 'string') {
    return NaN;
  }
  if (readCommonIso(value)) {
    const { year, month, day, second } = parts;
    const minutes = parts.hour * 60 + parts.minute;
    const milliseconds = second * 1000 + parts.millisecond;
    if (
      year >= 1000 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      minutes < 1440 &&
      parts.minute <= 59 &&
      second <= 59
    ) {
      const date = Date.UTC(year, month - 1, day);
      if (parts.offsetSign !== 0) {
        return (
          date +
          (minutes - parts.offsetSign * parts.offsetMinutes) * 60_000 +
          milliseconds
        );
      }
      return wallClock(zone, date / DAY_MS, minutes, milliseconds);
    }
  }
  const parsed = DateTime.fromISO(value, { zone, setZone: true });
  if (!parsed.isValid) {
    return NaN;
  }
  // With `setZone`, a string with an offset (or `Z`) keeps that offset as
  // its zone; only a wall-clock time keeps the zone's rules.
  if (parsed.zone.type !== 'iana') {
    return parsed.toMillis();
  }
  return wallClock(
    zone,
    Date.UTC(parsed.year, parsed.month - 1, parsed.day) / DAY_MS,
    parsed.hour * 60 + parsed.minute,
    parsed.second * 1000 + parsed.millisecond,
  );
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

function wallClock(
  zone: string,
  day: number,
  minutes: number,
  milliseconds: number,
): number {
  let clock: ZoneClock;
  try {
    clock = ZoneClock.of(zone);
  } catch {
    return NaN;
  }
  return clock.at(day, minutes) + milliseconds;
}

/** Like {@link parseInstantOrNaN} but throws on bad input. */
export function parseInstant(value: string, zone: string): number {
  const ms = parseInstantOrNaN(value, zone);
  if (Number.isNaN(ms)) {
    throw new Error(`Not an ISO date-time in ${zone}: ${value}`);
  }
  return ms;
}

/** `HH:mm:00.000Z` for every minute of a day: shifts start on whole minutes. */
const WHOLE_MINUTES = Array.from(
  { length: 1440 },
  (_, m) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(
      2,
      '0',
    )}:00.000Z`,
);
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) =>
  String(i).padStart(2, '0'),
);
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) =>
  String(i).padStart(3, '0'),
);
/** Years 0000–9999, the range where `toISOString` writes four digits. */
const FIRST_MS = -62_167_219_200_000;
const LAST_MS = 253_402_300_800_000;

// `toISOString` costs more than the rest of a shift's math (half a
// microsecond): the date is put together from the day number (a civil
// calendar computed with integers) and the time of day from digits made
// once; the date part is remembered for the days seen last (a schedule's
// shifts are sorted, so a few days cover every shift).
const CACHE_SIZE = 64;
const cachedDays = new Float64Array(CACHE_SIZE).fill(NaN);
const cachedDates: string[] = new Array(CACHE_SIZE).fill('');

/**
 * `YYYY-MM-DDT` of a day since 1970-01-01 (years 0000–9999), from
 * H. Hinnant's `civil_from_days`.
 */
function isoDate(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra -
    (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${TWO_DIGITS[Math.floor(year / 100)]}${TWO_DIGITS[year % 100]}-${
    TWO_DIGITS[month]
  }-${TWO_DIGITS[date]}T`;
}

/** ISO string in UTC with milliseconds, like `Date.prototype.toISOString`. */
export function toIso(ms: number): string {
  if (!(ms >= FIRST_MS && ms < LAST_MS) || ms !== Math.floor(ms)) {
    return new Date(ms).toISOString();
  }
  const day = Math.floor(ms / DAY_MS);
  const slot = day & (CACHE_SIZE - 1);
  if (cachedDays[slot] !== day) {
    cachedDays[slot] = day;
    cachedDates[slot] = isoDate(day);
  }
  const rest = ms - day * DAY_MS;
  const minute = Math.floor(rest / 60_000);
  const below = rest - minute * 60_000;
  if (below === 0) {
    return cachedDates[slot] + WHOLE_MINUTES[minute];
  }
  const seconds = Math.floor(below / 1000);
  return `${cachedDates[slot]}${TWO_DIGITS[Math.floor(minute / 60)]}:${
    TWO_DIGITS[minute % 60]
  }:${TWO_DIGITS[seconds]}.${THREE_DIGITS[below - seconds * 1000]}Z`;
}
