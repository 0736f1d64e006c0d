import { Layer, Schedule, Shift, TimeRange } from './types';
import { Interval, clipTo, restrictionWindows } from './restrictions';
import {
  HOUR_MS,
  LocalDate,
  localDateOf,
  parseInstant,
  parseTimeOfDay,
  toIso,
  wallClock,
} from './time';

const NOMINAL_MS = { hours: HOUR_MS, days: 24 * HOUR_MS, weeks: 168 * HOUR_MS };

/**
 * A layer's hand-off instants: `at(n)` is when the n-th turn (0-based)
 * begins, in epoch milliseconds.
 */
interface HandoffClock {
  at(n: number): number;
  /** Index of the turn covering `ms` (0 when `ms` is before the first). */
  indexAt(ms: number): number;
}

function handoffClock(layer: Layer, zone: string): HandoffClock {
  const minutes = parseTimeOfDay(layer.handoff.time);
  if (minutes === undefined) {
    throw new Error(`Bad hand-off time: ${layer.handoff.time}`);
  }
  const { length, unit } = layer.rotation;
  if (!(length >= 1)) {
    throw new Error(`Bad rotation length: ${length}`);
  }
  const weekday = layer.handoff.weekday;
  if (weekday !== undefined && !(weekday >= 1 && weekday <= 7)) {
    throw new Error(`Bad hand-off weekday: ${weekday}`);
  }
  // The first hand-off: the first day at or after `start` whose hand-off
  // time is not before `start` and whose weekday matches.
  // A bare date is read as local midnight.
  const startMs = parseInstant(layer.start, zone);
  let firstDay: LocalDate = localDateOf(startMs, zone);
  while (
    wallClock(firstDay, minutes, zone) < startMs ||
    (layer.handoff.weekday !== undefined &&
      firstDay.weekday !== layer.handoff.weekday)
  ) {
    firstDay = firstDay.plus({ days: 1 });
  }
  const anchor = wallClock(firstDay, minutes, zone);

  const stepDays = unit === 'weeks' ? 7 * length : length;
  const at =
    unit === 'hours'
      ? (n: number) => anchor + n * length * HOUR_MS
      : // Calendar days: same wall-clock time, whatever the offset does.
        (n: number) =>
          wallClock(firstDay.plus({ days: n * stepDays }), minutes, zone);

  const period = length * NOMINAL_MS[unit];
  const indexAt = (ms: number) => {
    if (ms < anchor) {
      return 0;
    }
    // The estimate is off by at most one turn (DST moves by an hour).
    let n = Math.max(0, Math.floor((ms - anchor) / period));
    while (n > 0 && at(n) > ms) {
      n--;
    }
    while (at(n + 1) <= ms) {
      n++;
    }
    return n;
  };
  return { at, indexAt };
}

/** Layer shifts in epoch milliseconds; see {@link layerShifts}. */
export function layerIntervals(
  schedule: Schedule,
  layer: Layer,
  from: number,
  to: number,
): Array<Interval & { user: string }> {
  if (layer.participants.length === 0 || to <= from) {
    return [];
  }
  const clock = handoffClock(layer, schedule.timeZone);
  const turns: Array<Interval & { user: string }> = [];
  for (let n = clock.indexAt(from); ; n++) {
    const start = clock.at(n);
    if (start >= to) {
      break;
    }
    const end = clock.at(n + 1);
    if (end > from) {
      const user = layer.participants[n % layer.participants.length];
      turns.push({ start, end, user });
    }
  }
  if (!layer.restrictions || turns.length === 0) {
    return turns;
  }
  const windows = restrictionWindows(
    layer.restrictions,
    schedule.timeZone,
    turns[0].start,
    turns[turns.length - 1].end,
  );
  return turns.flatMap(turn =>
    clipTo(turn, windows)
      .filter(part => part.end > from && part.start < to)
      .map(part => ({ ...part, user: turn.user })),
  );
}

/**
 * The shifts of one layer that overlap `range`, in order.
 *
 * Shifts are returned whole (not cut at the range's ends) so that a caller
 * can tell when the current shift began and ends; restrictions do cut them
 * into the pieces inside the allowed windows (pieces outside the range are
 * dropped). Times without an offset are read in the schedule's zone.
 *
 * Hand-offs of `days` and `weeks` rotations happen at `handoff.time` on the
 * wall clock of the schedule's zone on both sides of a daylight-saving
 * change: a one-day shift across spring-forward lasts 23 h of real time and
 * one across fall-back 25 h; a weekly Monday 09:00 hand-off stays Monday
 * 09:00 local (167 h or 169 h). `hours` rotations count real hours.
 *
 * @public
 */
export function layerShifts(
  schedule: Schedule,
  layer: Layer,
  range: TimeRange,
): Shift[] {
  const zone = schedule.timeZone;
  return layerIntervals(
    schedule,
    layer,
    parseInstant(range.start, zone),
    parseInstant(range.end, zone),
  ).map(({ start, end, user }) => ({
    start: toIso(start),
    end: toIso(end),
    user,
    layer: layer.name,
  }));
}
