import { finalSchedule } from './finalSchedule';
import { Schedule, TimeRange } from './types';

/** How far before a range the shift before its first hand-off is looked at. */
const LOOK_BEHIND_MS = 60_000;

/**
 * One hand-off: at `at`, `incoming` takes over from `outgoing` (null when
 * nobody was on call just before).
 *
 * @public
 */
export interface HandoffTime {
  at: string;
  outgoing: string | null;
  incoming: string;
}

/**
 * The hand-offs of a schedule that happen in `[range.start, range.end)`:
 * every instant where someone else comes on call than was just before
 * (a shift that follows one of the same person is no hand-off), in order.
 * A shift's start after a gap is a hand-off from nobody.
 *
 * @public
 */
export function handoffsIn(
  schedule: Schedule,
  range: TimeRange,
): HandoffTime[] {
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  const shifts = finalSchedule(schedule, {
    start: new Date(start - LOOK_BEHIND_MS).toISOString(),
    end: range.end,
  });
  const result: HandoffTime[] = [];
  shifts.forEach((shift, index) => {
    const at = Date.parse(shift.start);
    if (at < start || at >= end) {
      return;
    }
    const before = index > 0 ? shifts[index - 1] : undefined;
    const outgoing =
      before && Date.parse(before.end) === at ? before.user : null;
    if (outgoing !== shift.user) {
      result.push({
        at: new Date(at).toISOString(),
        outgoing,
        incoming: shift.user,
      });
    }
  });
  return result;
}

/**
 * Whether `user` is on call for all of `range` (and nobody else for any of
 * it): what a swap of that range needs of whoever gives it away.
 *
 * @public
 */
export function onCallThroughout(
  schedule: Schedule,
  range: TimeRange,
  user: string,
): boolean {
  let covered = Date.parse(range.start);
  for (const shift of finalSchedule(schedule, range)) {
    if (shift.user !== user || Date.parse(shift.start) !== covered) {
      return false;
    }
    covered = Date.parse(shift.end);
  }
  return covered === Date.parse(range.end);
}
