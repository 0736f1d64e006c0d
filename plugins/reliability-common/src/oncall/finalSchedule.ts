import { Schedule, Shift, TimeRange } from './types';
import { assertWithinLimits } from './limits';
import { LayerPlan, layerPieces, planLayer } from './rotation';
import { People, Pieces, PiecesPool } from './pieces';
import { DAY_MS } from './time';
import { parseInstant, toIso } from './instant';
import { ZoneClock } from './zoneClock';

/** How far {@link onCallAt} and {@link nextShiftFor} look at most. */
const MAX_SEARCH_MS = 400 * DAY_MS;

/**
 * Lists for the sources and the result of {@link finalPieces}: a result is
 * read before the next computation starts.
 */
const pool = new PiecesPool();
/** Lists for the overrides of the one schedule being computed. */
const planPool = new PiecesPool();
/** Room for the overrides' starts and ends (at most 1,000). */
let boundaryRoom = new Float64Array(64);

/** Runs `work` and then lets go of the room a long range needed. */
function freeing<T>(work: () => T): T {
  try {
    return work();
  } finally {
    pool.trim();
  }
}

/** A schedule read once, to be expanded over one or more ranges. */
interface SchedulePlan {
  schedule: Schedule;
  people: People;
  layers: LayerPlan[];
  /** The overrides resolved into ordered, non-overlapping pieces. */
  overrides: Pieces;
}

/**
 * Reads a schedule once; throws a ScheduleLimitError for one beyond the
 * limits, so that no computation's work outgrows them.
 */
function planSchedule(schedule: Schedule): SchedulePlan {
  assertWithinLimits(schedule);
  const zone = schedule.timeZone;
  ZoneClock.of(zone);
  const people = new People();
  return {
    schedule,
    people,
    layers: schedule.layers.map(layer => planLayer(layer, zone, people)),
    overrides: resolveOverrides(schedule, people),
  };
}

/**
 * The overrides as one source: ordered, non-overlapping pieces, a later
 * override winning where two overlap, touching pieces of the same user
 * joined. At most 500 overrides: the quadratic walk is cheap.
 */
function resolveOverrides(schedule: Schedule, people: People): Pieces {
  const zone = schedule.timeZone;
  const active = planPool.get(0);
  for (const override of schedule.overrides) {
    const start = parseInstant(override.start, zone);
    const end = parseInstant(override.end, zone);
    if (end > start) {
      active.push(start, end, people.indexOf(override.user), -1);
    }
  }
  const count = active.length * 2;
  if (boundaryRoom.length < count) {
    boundaryRoom = new Float64Array(count);
  }
  const boundaries = boundaryRoom.subarray(0, count);
  boundaries.set(active.start.subarray(0, active.length));
  boundaries.set(active.end.subarray(0, active.length), active.length);
  boundaries.sort();
  const pieces = planPool.get(1);
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i];
    const end = boundaries[i + 1];
    if (end === start) {
      continue;
    }
    let owner = -1;
    for (let k = active.length - 1; k >= 0 && owner < 0; k--) {
      if (active.start[k] <= start && start < active.end[k]) {
        owner = k;
      }
    }
    if (owner >= 0) {
      pieces.join(start, end, active.who[owner], -1);
    }
  }
  return pieces;
}

/** The override pieces touching `[from, to)`, cut at its ends. */
function overridePieces(
  plan: SchedulePlan,
  from: number,
  to: number,
  out: Pieces,
): Pieces {
  const { overrides } = plan;
  for (let i = 0; i < overrides.length; i++) {
    if (overrides.end[i] > from && overrides.start[i] < to) {
      out.push(
        Math.max(from, overrides.start[i]),
        Math.min(to, overrides.end[i]),
        overrides.who[i],
        -1,
      );
    }
  }
  return out;
}

/**
 * The final schedule over `[from, to)` in epoch milliseconds: ordered,
 * non-overlapping, cut at the range's ends. Layers below `lowest` are left
 * out (they cannot change where a shift of layer `lowest` or above ends).
 * The result is valid until the next call.
 */
function finalPieces(
  plan: SchedulePlan,
  from: number,
  to: number,
  lowest = 0,
): Pieces {
  // Sources in rising precedence: layers in order, then the overrides; in
  // each, touching pieces of the same person joined (as in the result).
  const sources: Pieces[] = [];
  if (to > from) {
    for (let index = lowest; index < plan.layers.length; index++) {
      sources.push(
        layerPieces(
          plan.layers[index],
          from,
          to,
          index,
          true,
          pool.get(sources.length),
        ),
      );
    }
    sources.push(overridePieces(plan, from, to, pool.get(sources.length)));
  }
  const result = pool.get(sources.length);

  // One sweep over the sources together: at each instant the highest source
  // with a piece there owns it until that piece ends or a higher source's
  // next piece starts, whichever comes first.
  const cursors = new Int32Array(sources.length);
  for (let at = from; at < to; ) {
    let owner: Pieces | undefined;
    let piece = 0;
    let until = to;
    for (let s = sources.length - 1; s >= 0; s--) {
      const list = sources[s];
      let c = cursors[s];
      while (c < list.length && list.end[c] <= at) {
        c++;
      }
      cursors[s] = c;
      if (c === list.length) {
        continue;
      }
      if (list.start[c] <= at) {
        owner = list;
        piece = c;
        until = Math.min(until, list.end[c]);
        break;
      }
      until = Math.min(until, list.start[c]);
    }
    if (owner) {
      result.join(at, until, owner.who[piece], owner.layer[piece]);
    }
    at = until;
  }
  return result;
}

function toShift(
  plan: SchedulePlan,
  pieces: Pieces,
  i: number,
  start = toIso(pieces.start[i]),
): Shift {
  const end = toIso(pieces.end[i]);
  const user = plan.people.names[pieces.who[i]];
  const layer = pieces.layer[i];
  return layer < 0
    ? { start, end, user, override: true }
    : { start, end, user, layer: plan.schedule.layers[layer].name };
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
  const plan = planSchedule(schedule);
  const from = parseInstant(range.start, zone);
  const to = parseInstant(range.end, zone);
  return freeing(() => {
    const pieces = finalPieces(plan, from, to);
    const shifts: Shift[] = [];
    for (let i = 0; i < pieces.length; i++) {
      // Most shifts start where the one before ends: one string for both.
      const previous = shifts[i - 1];
      shifts.push(
        previous && pieces.end[i - 1] === pieces.start[i]
          ? toShift(plan, pieces, i, previous.end)
          : toShift(plan, pieces, i),
      );
    }
    return shifts;
  });
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
  const plan = planSchedule(schedule);
  return freeing(() => {
    const pieces = finalPieces(plan, from, to);
    const result: TimeRange[] = [];
    let covered = from;
    for (let i = 0; i < pieces.length; i++) {
      if (pieces.start[i] > covered) {
        result.push({ start: toIso(covered), end: toIso(pieces.start[i]) });
      }
      covered = pieces.end[i];
    }
    if (covered < to) {
      result.push({ start: toIso(covered), end: toIso(to) });
    }
    return result;
  });
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
  return freeing(() => {
    let lowest = 0;
    // Most shifts are found whole within half a day either side; a longer
    // one widens the search (half a day times a power of four, up to 512
    // days).
    for (let margin = DAY_MS / 2; ; margin *= 4) {
      const pieces = finalPieces(plan, at - margin, at + margin, lowest);
      let covering = 0;
      while (covering < pieces.length && pieces.end[covering] <= at) {
        covering++;
      }
      if (covering === pieces.length || pieces.start[covering] > at) {
        return undefined;
      }
      const cut =
        pieces.start[covering] === at - margin ||
        pieces.end[covering] === at + margin;
      if (!cut || margin >= MAX_SEARCH_MS) {
        return toShift(plan, pieces, covering);
      }
      // Where this shift ends depends only on its own source and those
      // above it: the wider search leaves the layers below out.
      const layer = pieces.layer[covering];
      lowest = layer < 0 ? plan.layers.length : layer;
    }
  });
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
  return freeing(() => {
    for (let ahead = 16 * DAY_MS; ; ahead *= 2) {
      const windowEnd = at + Math.min(ahead, MAX_SEARCH_MS);
      const pieces = finalPieces(plan, windowStart, windowEnd);
      let next = 0;
      while (
        next < pieces.length &&
        !(
          plan.people.names[pieces.who[next]] === user &&
          pieces.start[next] >= at
        )
      ) {
        next++;
      }
      const found = next < pieces.length;
      if (ahead >= MAX_SEARCH_MS || (found && pieces.end[next] < windowEnd)) {
        return found ? toShift(plan, pieces, next) : undefined;
      }
    }
  });
}
