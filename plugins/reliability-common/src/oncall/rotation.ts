import { Layer, Schedule, Shift, TimeRange } from './types';
import {
  RestrictionRule,
  restrictionBounds,
  restrictionRules,
} from './restrictions';
import { People, Pieces } from './pieces';
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
  /** Each participant's index in the computation's {@link People}. */
  who: number[];
}

/** Reads a layer of a schedule in `zone`; throws on an invalid layer. */
export function planLayer(
  layer: Layer,
  zone: string,
  people: People,
): LayerPlan {
  return {
    layer,
    clock: handoffClock(layer, zone),
    rules: layer.restrictions
      ? restrictionRules(layer.restrictions, zone)
      : undefined,
    who: layer.participants.map(name => people.indexOf(name)),
  };
}

/** The restriction windows of the layer being expanded. */
let windows = new Pieces();

/**
 * Appends the layer's turns that overlap `[from, to)` to `out`, in order,
 * each cut into its pieces inside the restriction windows that touch the
 * range (pieces outside it are dropped); see {@link layerShifts}. The work
 * grows with the turns and the days of the range (times the layer's
 * restrictions), never with the length of a turn.
 *
 * `cut` cuts the pieces at the range's ends and joins touching pieces of
 * the same person (what the final schedule is made of); without it the
 * turns come whole, one piece each.
 */
export function layerPieces(
  plan: LayerPlan,
  from: number,
  to: number,
  layer: number,
  cut: boolean,
  out: Pieces,
): Pieces {
  const { clock, rules, who } = plan;
  if (who.length === 0 || !(to > from)) {
    return out;
  }
  let n = clock.indexAt(from);
  let start = clock.at(n);
  if (!(start < to)) {
    return out;
  }
  // Only the windows touching the range: a turn may last 1000 weeks.
  if (rules) {
    restrictionBounds(rules, Math.max(from, start), to, windows);
  }
  // Turns and windows are both sorted: walk them together.
  let w = 0;
  while (start < to) {
    const end = clock.at(n + 1);
    const person = who[n % who.length];
    if (!rules) {
      if (cut) {
        out.join(Math.max(from, start), Math.min(to, end), person, layer);
      } else {
        out.push(start, end, person, layer);
      }
    } else {
      while (w < windows.length && windows.end[w] <= start) {
        w++;
      }
      for (let v = w; v < windows.length && windows.start[v] < end; v++) {
        const pieceStart = Math.max(start, windows.start[v]);
        const pieceEnd = Math.min(end, windows.end[v]);
        if (pieceEnd > pieceStart && pieceEnd > from && pieceStart < to) {
          if (cut) {
            out.join(
              Math.max(from, pieceStart),
              Math.min(to, pieceEnd),
              person,
              layer,
            );
          } else {
            out.push(pieceStart, pieceEnd, person, layer);
          }
        }
      }
    }
    n++;
    start = end;
  }
  if (windows.oversized) {
    windows = new Pieces();
  }
  return out;
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
  const people = new People();
  const pieces = layerPieces(
    planLayer(layer, zone, people),
    parseInstant(range.start, zone),
    parseInstant(range.end, zone),
    0,
    false,
    new Pieces(),
  );
  const shifts: Shift[] = [];
  for (let i = 0; i < pieces.length; i++) {
    shifts.push({
      start: toIso(pieces.start[i]),
      end: toIso(pieces.end[i]),
      user: people.names[pieces.who[i]],
      layer: layer.name,
    });
  }
  return shifts;
}
