import { Restriction } from './types';
import { parseTimeOfDay, weekdayOf } from './time';
import { ZoneClock } from './zoneClock';

/** A half-open interval of epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** A restriction read once: its clock, minutes and weekdays. */
export interface RestrictionRule {
  clock: ZoneClock;
  fromMin: number;
  /** After `fromMin`; beyond 1440 for a window past midnight. */
  endMin: number;
  /** Bit `w` set for each ISO weekday `w` the window starts on. */
  weekdays: number;
}

/**
 * Reads restrictions once for many ranges, each in its own zone or
 * `defaultZone`; throws on invalid ones.
 */
export function restrictionRules(
  restrictions: Restriction[],
  defaultZone: string,
): RestrictionRule[] {
  return restrictions.map(restriction => {
    const clock = ZoneClock.of(restriction.timeZone ?? defaultZone);
    const fromMin = parseTimeOfDay(restriction.from);
    const toMin = parseTimeOfDay(restriction.to, true);
    if (fromMin === undefined || toMin === undefined) {
      throw new Error(
        `Bad restriction times: ${restriction.from}–${restriction.to}`,
      );
    }
    let weekdays = restriction.weekdays ? 0 : 0b11111110;
    for (const weekday of restriction.weekdays ?? []) {
      weekdays |= 1 << weekday;
    }
    return {
      clock,
      fromMin,
      endMin: toMin <= fromMin ? toMin + 1440 : toMin,
      weekdays,
    };
  });
}

/**
 * The union of the restriction windows that touch `[from, to)`, sorted and
 * non-overlapping. Each window's times are read in the restriction's own
 * zone (see {@link restrictionRules}), so a 09:00–17:00 window is
 * 09:00–17:00 local on a daylight-saving day too. Windows are whole (not cut
 * at the range's ends), but only those touching the range are made: the work
 * grows with the range's days times the restrictions, whatever the layer's
 * turns.
 */
export function restrictionWindows(
  rules: RestrictionRule[],
  from: number,
  to: number,
): Interval[] {
  if (to <= from) {
    return [];
  }
  const spans = rules.map(rule => ({
    rule,
    // A window starting the day before may run past midnight into the range.
    first: rule.clock.dayOf(from) - 1,
    last: rule.clock.dayOf(to),
  }));
  const first = Math.min(...spans.map(span => span.first));
  const last = Math.max(...spans.map(span => span.last));
  // Starts and ends apart, in typed arrays: a long range makes many windows,
  // and objects would keep the garbage collector busy.
  let starts = new Float64Array(64);
  let ends = new Float64Array(64);
  let count = 0;
  for (let day = first; day <= last; day++) {
    const weekday = 1 << weekdayOf(day);
    for (const span of spans) {
      const { clock, fromMin, endMin, weekdays } = span.rule;
      if (day < span.first || day > span.last || !(weekdays & weekday)) {
        continue;
      }
      const start = clock.at(day, fromMin);
      const end = clock.at(day, endMin);
      if (end > from && start < to && end > start) {
        if (count === starts.length) {
          starts = grow(starts);
          ends = grow(ends);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
      }
    }
  }
  return unionOfBounds(starts.subarray(0, count), ends.subarray(0, count));
}

function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The union of intervals given as their starts and their ends (each list in
 * any order): sorted, touching intervals joined.
 */
function unionOfBounds(starts: Float64Array, ends: Float64Array): Interval[] {
  starts.sort();
  ends.sort();
  const result: Interval[] = [];
  let open = 0;
  let j = 0;
  for (let i = 0; i < starts.length; i++) {
    // Close what ends before this start; an interval ending exactly where
    // the next one starts is joined to it.
    while (ends[j] < starts[i]) {
      open--;
      if (open === 0) {
        result[result.length - 1].end = ends[j];
      }
      j++;
    }
    if (open === 0) {
      result.push({ start: starts[i], end: starts[i] });
    }
    open++;
  }
  if (j < ends.length) {
    result[result.length - 1].end = ends[ends.length - 1];
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
