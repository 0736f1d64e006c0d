import { Schedule, Shift, TimeRange } from './types';
import { Interval } from './restrictions';
import { assertWithinLimits } from './limits';
import { LayerPlan, layerIntervals, planLayer } from './rotation';
import { DAY_MS } from './time';
import { parseInstant, toIso } from './instant';
import { ZoneClock } from './zoneClock';

/** How far {@link onCallAt} and {@link nextShiftFor} look at most. */
const MAX_SEARCH_MS = 400 * DAY_MS;

interface Piece extends Interval {
  user: string;
  /** Layer index, or -1 for overrides. */
  layer: number;
}

/** A schedule read once, to be expanded over one or more ranges. */
interface SchedulePlan {
  schedule: Schedule;
  layers: LayerPlan[];
  /** The overrides resolved into ordered, non-overlapping pieces. */
  overrides: Piece[];
}

/**
 * Reads a schedule once; throws a ScheduleLimitError for one beyond the
 * limits, so that no computation's work outgrows them.
 */
function planSchedule(schedule: Schedule): SchedulePlan {
  assertWithinLimits(schedule);
  const zone = schedule.timeZone;
  ZoneClock.of(zone);
  return {
    schedule,
    layers: schedule.layers.map(layer => planLayer(layer, zone)),
    overrides: resolveOverrides(
      schedule.overrides.map(override => ({
        start: parseInstant(override.start, zone),
        end: parseInstant(override.end, zone),
        user: override.user,
      })),
    ),
  };
}

/**
 * The overrides as one source: ordered, non-overlapping pieces, a later
 * override winning where two overlap, touching pieces of the same user
 * joined. At most 500 overrides: the quadratic walk is cheap.
 */
function resolveOverrides(overrides: Array<Interval & { user: string }>) {
  const active = overrides.filter(o => o.end > o.start);
  const boundaries = [...new Set(active.flatMap(o => [o.start, o.end]))].sort(
    (a, b) => a - b,
  );
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i];
    const end = boundaries[i + 1];
    let owner: (typeof active)[number] | undefined;
    for (let k = active.length - 1; k >= 0 && !owner; k--) {
      if (active[k].start <= start && start < active[k].end) {
        owner = active[k];
      }
    }
    if (!owner) {
      continue;
    }
    const previous = pieces[pieces.length - 1];
    if (previous && previous.end === start && previous.user === owner.user) {
      previous.end = end;
    } else {
      pieces.push({ start, end, user: owner.user, layer: -1 });
    }
  }
  return pieces;
}

/** The override pieces touching `[from, to)`, cut at its ends. */
function overridePieces(plan: SchedulePlan, from: number, to: number) {
  return plan.overrides
    .filter(piece => piece.end > from && piece.start < to)
    .map(piece => ({
      ...piece,
      start: Math.max(from, piece.start),
      end: Math.min(to, piece.end),
    }));
}

/**
 * The final schedule over `[from, to)` in epoch milliseconds: ordered,
 * non-overlapping, cut at the range's ends. Layers below `lowest` are left
 * out (they cannot change where a shift of layer `lowest` or above ends).
 */
function finalPieces(
  plan: SchedulePlan,
  from: number,
  to: number,
  lowest = 0,
): Piece[] {
  if (!(to > from)) {
    return [];
  }
  // Sources in rising precedence: layers in order, then the overrides; in
  // each, touching pieces of the same person joined (as in the result).
  const sources: Piece[][] = [];
  plan.layers.forEach((layer, index) => {
    if (index < lowest) {
      return;
    }
    const pieces: Piece[] = [];
    for (const turn of layerIntervals(layer, from, to, true)) {
      const start = Math.max(from, turn.start);
      const end = Math.min(to, turn.end);
      const previous = pieces[pieces.length - 1];
      if (previous?.end === start && previous.user === turn.user) {
        previous.end = end;
      } else {
        pieces.push({ start, end, user: turn.user, layer: index });
      }
    }
    sources.push(pieces);
  });
  sources.push(overridePieces(plan, from, to));

  // One sweep over the sources together: at each instant the highest source
  // with a piece there owns it until that piece ends or a higher source's
  // next piece starts, whichever comes first.
  const cursors = new Int32Array(sources.length);
  const result: Piece[] = [];
  for (let at = from; at < to; ) {
    let owner: Piece | undefined;
    let until = to;
    for (let s = sources.length - 1; s >= 0; s--) {
      const list = sources[s];
      let c = cursors[s];
      while (c < list.length && list[c].end <= at) {
        c++;
      }
      cursors[s] = c;
      const piece = list[c];
      if (piece === undefined) {
        continue;
      }
      if (piece.start <= at) {
        owner = piece;
        until = Math.min(until, piece.end);
        break;
      }
      until = Math.min(until, piece.start);
    }
    if (owner) {
      const previous = result[result.length - 1];
      if (
        previous &&
        previous.end === at &&
        previous.user === owner.user &&
        previous.layer === owner.layer
      ) {
        previous.end = until;
      } else {
        result.push({
          start: at,
          end: until,
          user: owner.user,
          layer: owner.layer,
        });
      }
    }
    at = until;
  }
  return result;
}

function toShift(schedule: Schedule, piece: Piece): Shift {
  const shift: Shift = {
    start: toIso(piece.start),
    end: toIso(piece.end),
    user: piece.user,
  };
  if (piece.layer < 0) {
    shift.override = true;
  } else {
    shift.layer = schedule.layers[piece.layer].name;
  }
  return shift;
}

/**
 * Who is on call over `range`: ordered, non-overlapping shifts, cut at the
 * range's ends. A later layer wins over earlier ones wherever it has someone
 * (outside its restrictions it leaves earlier layers showing); overrides win
 * over every layer, a later override over an earlier one. Adjacent pieces of
 * the same user from the same layer (or both from overrides) are merged into
 * one shift. Times without an offset are read in the schedule's zone.
 *
 * The work grows with the days of the range and the size of the schedule,
 * which {@link SCHEDULE_LIMITS} bound; a schedule beyond them throws a
 * {@link ScheduleLimitError} (as every function here does) instead of
 * being computed at any cost.
 *
 * @public
 */
export function finalSchedule(schedule: Schedule, range: TimeRange): Shift[] {
  const zone = schedule.timeZone;
  return finalPieces(
    planSchedule(schedule),
    parseInstant(range.start, zone),
    parseInstant(range.end, zone),
  ).map(piece => toShift(schedule, piece));
}

/**
 * The parts of `range` where nobody is on call, in order.
 *
 * @public
 */
export function gaps(schedule: Schedule, range: TimeRange): TimeRange[] {
  const zone = schedule.timeZone;
  const from = parseInstant(range.start, zone);
  const to = parseInstant(range.end, zone);
  const result: TimeRange[] = [];
  let covered = from;
  for (const piece of finalPieces(planSchedule(schedule), from, to)) {
    if (piece.start > covered) {
      result.push({ start: toIso(covered), end: toIso(piece.start) });
    }
    covered = piece.end;
  }
  if (covered < to) {
    result.push({ start: toIso(covered), end: toIso(to) });
  }
  return result;
}

/**
 * The final-schedule shift covering `instant`, or undefined when nobody is on
 * call then. Shifts are half-open, `[start, end)`: an instant exactly at a
 * hand-off belongs to the NEW shift.
 *
 * The shift's start and end are its true ends (found by widening the search)
 * up to 400 days either side; a shift longer than that, e.g. a layer with a
 * single participant, is cut there.
 *
 * @public
 */
export function onCallAt(
  schedule: Schedule,
  instant: string,
): Shift | undefined {
  const plan = planSchedule(schedule);
  const at = parseInstant(instant, schedule.timeZone);
  let lowest = 0;
  // Most shifts are found whole within half a day either side; a longer one
  // widens the search (half a day times a power of four, up to 512 days).
  for (let margin = DAY_MS / 2; ; margin *= 4) {
    const pieces = finalPieces(plan, at - margin, at + margin, lowest);
    const covering = pieces.find(p => p.start <= at && at < p.end);
    if (!covering) {
      return undefined;
    }
    const cut = covering.start === at - margin || covering.end === at + margin;
    if (!cut || margin >= MAX_SEARCH_MS) {
      return toShift(schedule, covering);
    }
    // Where this shift ends depends only on its own source and those above
    // it: the wider search leaves the layers below out.
    lowest = covering.layer < 0 ? plan.layers.length : covering.layer;
  }
}

/**
 * The first final-schedule shift of `user` that starts at or after `from`
 * (a shift already under way at `from` is not "next"), or undefined when
 * there is none within 400 days. Its end is its true end, up to that
 * horizon.
 *
 * @public
 */
export function nextShiftFor(
  schedule: Schedule,
  user: string,
  from: string,
): Shift | undefined {
  const plan = planSchedule(schedule);
  const at = parseInstant(from, schedule.timeZone);
  // Starting the window before `at` keeps a shift under way at `at` from
  // looking as if it started there.
  const windowStart = at - DAY_MS;
  for (let ahead = 16 * DAY_MS; ; ahead *= 2) {
    const windowEnd = at + Math.min(ahead, MAX_SEARCH_MS);
    const next = finalPieces(plan, windowStart, windowEnd).find(
      p => p.user === user && p.start >= at,
    );
    if (ahead >= MAX_SEARCH_MS || (next && next.end < windowEnd)) {
      return next && toShift(schedule, next);
    }
  }
}
