import { Layer, Schedule, Shift, TimeRange } from './types';
import {
  Interval,
  RestrictionRule,
  restrictionRules,
  restrictionWindows,
} from './restrictions';
import { assertWithinLimits } from './limits';
import { HOUR_MS, parseTimeOfDay, weekdayOf } from './time';
import { parseInstant, toIso } from './instant';
import { ZoneClock } from './zoneClock';

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
  if (!(length >= 1) || !(unit in NOMINAL_MS)) {
    throw new Error(`Bad rotation: ${length} ${unit}`);
  }
  const weekday = layer.handoff.weekday;
  if (weekday !== undefined && !(weekday >= 1 && weekday <= 7)) {
    throw new Error(`Bad hand-off weekday: ${weekday}`);
  }
  const clock = ZoneClock.of(zone);
  // The first hand-off: the first day at or after `start` whose hand-off
  // time is not before `start` and whose weekday matches.
  // A bare date is read as local midnight.
  const startMs = parseInstant(layer.start, zone);
  let firstDay = clock.dayOf(startMs);
  while (
    clock.at(firstDay, minutes) < startMs ||
    (weekday !== undefined && weekdayOf(firstDay) !== weekday)
  ) {
    firstDay++;
  }
  const anchor = clock.at(firstDay, minutes);

  const stepDays = unit === 'weeks' ? 7 * length : length;
  const at =
    unit === 'hours'
      ? (n: number) => anchor + n * length * HOUR_MS
      : // Calendar days: same wall-clock time, whatever the offset does.
        (n: number) => clock.at(firstDay + n * stepDays, minutes);

  const period = length * NOMINAL_MS[unit];
  const indexAt = (ms: number) => {
    if (!(ms >= anchor)) {
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

/**
 * A layer read once, to be expanded over many ranges (a widening search asks
 * for several).
 */
export interface LayerPlan {
  layer: Layer;
  clock: HandoffClock;
  /** Undefined for a layer that covers around the clock. */
  rules?: RestrictionRule[];
}

/** Reads a layer of a schedule in `zone`; throws on an invalid layer. */
export function planLayer(layer: Layer, zone: string): LayerPlan {
  return {
    layer,
    clock: handoffClock(layer, zone),
    rules: layer.restrictions
      ? restrictionRules(layer.restrictions, zone)
      : undefined,
  };
}

/**
 * Layer shifts in epoch milliseconds; see {@link layerShifts}. The work grows
 * with the turns and the days of the range (times the layer's restrictions),
 * never with the length of a turn. With `joinTurns`, consecutive turns of the
 * same person come as one.
 */
export function layerIntervals(
  plan: LayerPlan,
  from: number,
  to: number,
  joinTurns = false,
): Array<Interval & { user: string }> {
  const { participants } = plan.layer;
  if (participants.length === 0 || !(to > from)) {
    return [];
  }
  const turns: Array<Interval & { user: string }> = [];
  for (let n = plan.clock.indexAt(from); ; n++) {
    const start = plan.clock.at(n);
    if (!(start < to)) {
      break;
    }
    const end = plan.clock.at(n + 1);
    const user = participants[n % participants.length];
    const previous = turns[turns.length - 1];
    if (joinTurns && previous?.user === user && previous.end === start) {
      previous.end = end;
    } else if (end > from) {
      turns.push({ start, end, user });
    }
  }
  if (!plan.rules || turns.length === 0) {
    return turns;
  }
  // Only the windows touching the range: a turn may last 1000 weeks.
  const windows = restrictionWindows(
    plan.rules,
    Math.max(from, turns[0].start),
    Math.min(to, turns[turns.length - 1].end),
  );
  const pieces: Array<Interval & { user: string }> = [];
  // Turns and windows are both sorted: walk them together.
  let w = 0;
  for (const turn of turns) {
    while (w < windows.length && windows[w].end <= turn.start) {
      w++;
    }
    for (let v = w; v < windows.length && windows[v].start < turn.end; v++) {
      const start = Math.max(turn.start, windows[v].start);
      const end = Math.min(turn.end, windows[v].end);
      if (end > start && end > from && start < to) {
        pieces.push({ start, end, user: turn.user });
      }
    }
  }
  return pieces;
}

/**
 * The shifts of one layer that overlap `range`, in order.
 *
 * Shifts are returned whole (not cut at the range's ends) so that a caller
 * can tell when the current shift began and ends; restrictions do cut them
 * into the pieces inside the allowed windows that touch the range (pieces
 * outside the range are dropped). Times without an offset are read in the
 * schedule's zone.
 *
 * Hand-offs of `days` and `weeks` rotations happen at `handoff.time` on the
 * wall clock of the schedule's zone on both sides of a daylight-saving
 * change: a one-day shift across spring-forward lasts 23 h of real time and
 * one across fall-back 25 h; a weekly Monday 09:00 hand-off stays Monday
 * 09:00 local (167 h or 169 h). `hours` rotations count real hours.
 *
 * Throws a {@link ScheduleLimitError} for a layer beyond the
 * {@link SCHEDULE_LIMITS}.
 *
 * @public
 */
export function layerShifts(
  schedule: Schedule,
  layer: Layer,
  range: TimeRange,
): Shift[] {
  const zone = schedule.timeZone;
  assertWithinLimits({ ...schedule, layers: [layer], overrides: [] });
  return layerIntervals(
    planLayer(layer, zone),
    parseInstant(range.start, zone),
    parseInstant(range.end, zone),
  ).map(({ start, end, user }) => ({
    start: toIso(start),
    end: toIso(end),
    user,
    layer: layer.name,
  }));
}
