import { IANAZone } from 'luxon';
import { Restriction } from './types';
import { localDateOf, parseTimeOfDay, wallClock } from './time';

/** A half-open interval of epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * The union of the restriction windows that touch `[from, to)`, sorted and
 * non-overlapping. Each window's times are read in the restriction's own
 * zone, or `defaultZone`, so a 09:00–17:00 window is 09:00–17:00 local on a
 * daylight-saving day too.
 */
export function restrictionWindows(
  restrictions: Restriction[],
  defaultZone: string,
  from: number,
  to: number,
): Interval[] {
  const windows: Interval[] = [];
  for (const restriction of restrictions) {
    const zone = restriction.timeZone ?? defaultZone;
    if (!IANAZone.isValidZone(zone)) {
      throw new Error(`Unknown time zone: ${zone}`);
    }
    const fromMin = parseTimeOfDay(restriction.from);
    const toMin = parseTimeOfDay(restriction.to, true);
    if (fromMin === undefined || toMin === undefined) {
      throw new Error(
        `Bad restriction times: ${restriction.from}–${restriction.to}`,
      );
    }
    const endMin = toMin <= fromMin ? toMin + 1440 : toMin;
    const last = localDateOf(to, zone);
    // A window starting the day before may run past midnight into the range.
    for (
      let day = localDateOf(from, zone).minus({ days: 1 });
      day <= last;
      day = day.plus({ days: 1 })
    ) {
      if (restriction.weekdays && !restriction.weekdays.includes(day.weekday)) {
        continue;
      }
      const start = wallClock(day, fromMin, zone);
      const end = wallClock(day, endMin, zone);
      if (end > from && start < to && end > start) {
        windows.push({ start, end });
      }
    }
  }
  return unionOf(windows);
}

/** Sorted union of intervals; touching intervals are joined. */
export function unionOf(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const result: Interval[] = [];
  for (const next of sorted) {
    const previous = result[result.length - 1];
    if (previous && next.start <= previous.end) {
      previous.end = Math.max(previous.end, next.end);
    } else {
      result.push({ ...next });
    }
  }
  return result;
}

/** The parts of `interval` inside the sorted, disjoint `windows`. */
export function clipTo(interval: Interval, windows: Interval[]): Interval[] {
  const parts: Interval[] = [];
  for (const window of windows) {
    if (window.start >= interval.end) {
      break;
    }
    const start = Math.max(interval.start, window.start);
    const end = Math.min(interval.end, window.end);
    if (end > start) {
      parts.push({ start, end });
    }
  }
  return parts;
}
