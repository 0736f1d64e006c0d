import { DateTime } from 'luxon';
import { DAY_MS } from './time';
import { ZoneClock } from './zoneClock';

/**
 * The ISO forms schedules are written in, read without luxon (which takes
 * microseconds per string): a date, or a date-time to the minute, second or
 * millisecond, with or without an offset. Other ISO forms go to luxon.
 */
const COMMON_ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?(Z|([+-])(\d{2}):(\d{2}))?)?$/;

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
  const match = COMMON_ISO.exec(value);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const minutes = match[4] ? Number(match[4]) * 60 + Number(match[5]) : 0;
    const second = match[6] ? Number(match[6]) : 0;
    const milliseconds = second * 1000 + (match[7] ? Number(match[7]) : 0);
    if (
      year >= 1000 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      minutes < 1440 &&
      Number(match[5] ?? 0) <= 59 &&
      second <= 59
    ) {
      const date = Date.UTC(year, month - 1, day);
      if (match[8] === 'Z') {
        return date + minutes * 60_000 + milliseconds;
      }
      if (match[8]) {
        const offset =
          (match[9] === '-' ? -1 : 1) *
          (Number(match[10]) * 60 + Number(match[11]));
        return date + (minutes - offset) * 60_000 + milliseconds;
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
