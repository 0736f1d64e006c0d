import { Schedule, Shift, TimeRange } from './types';
import { Interval } from './restrictions';
import { layerIntervals } from './rotation';
import { HOUR_MS, parseInstant, toIso } from './time';

const DAY_MS = 24 * HOUR_MS;
/** How far {@link onCallAt} and {@link nextShiftFor} look at most. */
const MAX_SEARCH_MS = 400 * DAY_MS;

interface Piece extends Interval {
  user: string;
  /** Layer index, or -1 for overrides. */
  layer: number;
}

/**
 * The final schedule over `[from, to)` in epoch milliseconds: ordered,
 * non-overlapping, cut at the range's ends.
 */
function finalPieces(schedule: Schedule, from: number, to: number): Piece[] {
  if (to <= from) {
    return [];
  }
  const zone = schedule.timeZone;
  const clip = (interval: Interval) => ({
    start: Math.max(from, interval.start),
    end: Math.min(to, interval.end),
  });
  // Sources in rising precedence: layers in order, then each override.
  const sources: Piece[][] = schedule.layers.map((layer, index) =>
    layerIntervals(schedule, layer, from, to).map(turn => ({
      ...clip(turn),
      user: turn.user,
      layer: index,
    })),
  );
  for (const override of schedule.overrides) {
    const piece = {
      ...clip({
        start: parseInstant(override.start, zone),
        end: parseInstant(override.end, zone),
      }),
      user: override.user,
      layer: -1,
    };
    sources.push(piece.end > piece.start ? [piece] : []);
  }

  const boundaries = [
    ...new Set(
      [from, to, ...sources.flat().flatMap(p => [p.start, p.end])].filter(
        ms => ms >= from && ms <= to,
      ),
    ),
  ].sort((a, b) => a - b);

  const cursors = sources.map(() => 0);
  const result: Piece[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i];
    const end = boundaries[i + 1];
    // No source starts or ends inside (start, end): who covers `start`
    // covers the whole elementary interval.
    let owner: Piece | undefined;
    for (let s = sources.length - 1; s >= 0 && !owner; s--) {
      const list = sources[s];
      while (cursors[s] < list.length && list[cursors[s]].end <= start) {
        cursors[s]++;
      }
      const candidate = list[cursors[s]];
      if (candidate && candidate.start <= start) {
        owner = candidate;
      }
    }
    if (!owner) {
      continue;
    }
    const previous = result[result.length - 1];
    if (
      previous &&
      previous.end === start &&
      previous.user === owner.user &&
      previous.layer === owner.layer
    ) {
      previous.end = end;
    } else {
      result.push({ start, end, user: owner.user, layer: owner.layer });
    }
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
 * @public
 */
export function finalSchedule(schedule: Schedule, range: TimeRange): Shift[] {
  const zone = schedule.timeZone;
  return finalPieces(
    schedule,
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
  for (const piece of finalPieces(schedule, from, to)) {
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
  const at = parseInstant(instant, schedule.timeZone);
  for (let margin = 8 * DAY_MS; ; margin *= 2) {
    const pieces = finalPieces(schedule, at - margin, at + margin);
    const covering = pieces.find(p => p.start <= at && at < p.end);
    if (!covering) {
      return undefined;
    }
    const cut = covering.start === at - margin || covering.end === at + margin;
    if (!cut || margin >= MAX_SEARCH_MS) {
      return toShift(schedule, covering);
    }
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
  const at = parseInstant(from, schedule.timeZone);
  // Starting the window before `at` keeps a shift under way at `at` from
  // looking as if it started there.
  const windowStart = at - DAY_MS;
  for (let ahead = 16 * DAY_MS; ; ahead *= 2) {
    const windowEnd = at + Math.min(ahead, MAX_SEARCH_MS);
    const next = finalPieces(schedule, windowStart, windowEnd).find(
      p => p.user === user && p.start >= at,
    );
    if (ahead >= MAX_SEARCH_MS || (next && next.end < windowEnd)) {
      return next && toShift(schedule, next);
    }
  }
}
