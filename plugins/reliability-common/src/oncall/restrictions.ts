import { Restriction } from './types';
import { parseTimeOfDay, weekdayOf } from './time';
import { ZoneClock } from './zoneClock';
import { Pieces } from './pieces';

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
  const bounds = restrictionBounds(rules, from, to, new Pieces());
  const windows: Interval[] = [];
  for (let i = 0; i < bounds.length; i++) {
    windows.push({ start: bounds.start[i], end: bounds.end[i] });
  }
  return windows;
}

/** Room for window bounds kept between calls (a year of four a day fits). */
const KEEP_BOUNDS = 2_048;
// Every window's start and end, apart, before they are joined; reused by
// every call (the math is synchronous).
let windowStarts = new Float64Array(64);
let windowEnds = new Float64Array(64);

/**
 * {@link restrictionWindows} written into `out` (its starts and ends; its
 * people and layers mean nothing), which it returns.
 */
export function restrictionBounds(
  rules: RestrictionRule[],
  from: number,
  to: number,
  out: Pieces,
): Pieces {
  out.clear();
  if (to <= from || rules.length === 0) {
    return out;
  }
  // A window starting the day before may run past midnight into the range.
  const firsts = rules.map(rule => rule.clock.dayOf(from) - 1);
  const lasts = rules.map(rule => rule.clock.dayOf(to));
  const first = Math.min(...firsts);
  const last = Math.max(...lasts);
  let count = 0;
  for (let day = first; day <= last; day++) {
    const weekday = 1 << weekdayOf(day);
    for (let r = 0; r < rules.length; r++) {
      const { clock, fromMin, endMin, weekdays } = rules[r];
      if (day < firsts[r] || day > lasts[r] || !(weekdays & weekday)) {
        continue;
      }
      const start = clock.at(day, fromMin);
      const end = clock.at(day, endMin);
      if (end > from && start < to && end > start) {
        if (count === windowStarts.length) {
          windowStarts = grow(windowStarts);
          windowEnds = grow(windowEnds);
        }
        windowStarts[count] = start;
        windowEnds[count] = end;
        count++;
      }
    }
  }
  unionOfBounds(
    windowStarts.subarray(0, count),
    windowEnds.subarray(0, count),
    out,
  );
  if (windowStarts.length > KEEP_BOUNDS) {
    windowStarts = new Float64Array(64);
    windowEnds = new Float64Array(64);
  }
  return out;
}

function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Sorts `values` unless they are already in order, as the windows of one
 * restriction are (sorting costs more than the rest of their union).
 */
function sortIfNeeded(values: Float64Array): void {
  for (let i = 1; i < values.length; i++) {
    if (values[i] < values[i - 1]) {
      values.sort();
      return;
    }
  }
}

/**
 * The union of intervals given as their starts and their ends (each list in
 * any order), appended to `out`: sorted, touching intervals joined.
 */
function unionOfBounds(
  starts: Float64Array,
  ends: Float64Array,
  out: Pieces,
): void {
  sortIfNeeded(starts);
  sortIfNeeded(ends);
  let open = 0;
  let j = 0;
  for (let i = 0; i < starts.length; i++) {
    // Close what ends before this start; an interval ending exactly where
    // the next one starts is joined to it.
    while (ends[j] < starts[i]) {
      open--;
      if (open === 0) {
        out.end[out.length - 1] = ends[j];
      }
      j++;
    }
    if (open === 0) {
      out.push(starts[i], starts[i], 0, 0);
    }
    open++;
  }
  if (j < ends.length) {
    out.end[out.length - 1] = ends[ends.length - 1];
  }
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
