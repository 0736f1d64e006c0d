/**
 * The Timeslices budgeting method (OpenSLO `budgetingMethod: Timeslices`):
 * the window is cut into slices of `timeSliceWindow`; a slice is good when
 * its own ratio of good events meets `timeSliceTarget`; the SLI is the share
 * of good slices, and the error budget is counted in slices.
 */
import {
  budgetConsumedFraction,
  errorBudgetEvents,
  sliFromCounts,
} from './budget';

/**
 * Good and total event counts of one time slice.
 *
 * @public
 */
export interface TimeSliceCounts {
  good: number;
  total: number;
}

/**
 * How many slices were good, of how many.
 *
 * @public
 */
export interface TimeSliceTally {
  goodSlices: number;
  totalSlices: number;
}

function assertSliceTarget(timeSliceTarget: number): void {
  if (
    !(
      Number.isFinite(timeSliceTarget) &&
      timeSliceTarget > 0 &&
      timeSliceTarget <= 1
    )
  ) {
    throw new RangeError(
      `timeSliceTarget must be a fraction in (0, 1], got ${timeSliceTarget}`,
    );
  }
}

/**
 * Whether one slice is good: `good / total ≥ timeSliceTarget` (a slice
 * exactly on the target is good). A slice with no events counts as good:
 * no traffic is no failure, and counting it bad would burn budget during
 * every quiet night.
 *
 * @throws RangeError for a target outside (0, 1] or invalid counts.
 * @public
 */
export function isGoodTimeSlice(
  slice: TimeSliceCounts,
  timeSliceTarget: number,
): boolean {
  assertSliceTarget(timeSliceTarget);
  const ratio = sliFromCounts(slice.good, slice.total);
  return ratio === null || ratio >= timeSliceTarget;
}

/**
 * Counts the good slices among `slices` (see {@link isGoodTimeSlice}; empty
 * slices are good).
 *
 * @public
 */
export function countGoodTimeSlices(
  slices: readonly TimeSliceCounts[],
  timeSliceTarget: number,
): TimeSliceTally {
  assertSliceTarget(timeSliceTarget);
  const goodSlices = slices.filter(slice =>
    isGoodTimeSlice(slice, timeSliceTarget),
  ).length;
  return { goodSlices, totalSlices: slices.length };
}

/**
 * SLI and error budget of a window under Timeslices budgeting.
 *
 * @public
 */
export interface TimeSliceBudget extends TimeSliceTally {
  /** goodSlices / totalSlices; null when there are no slices. */
  sli: number | null;
  /** How many bad slices the objective allows: (1 − target) × totalSlices. */
  budgetSlices: number;
  /** totalSlices − goodSlices. */
  badSlices: number;
  /** badSlices / budgetSlices; null when there are no slices. */
  consumedFraction: number | null;
  /** 1 − consumedFraction (negative when overspent); null when there are no slices. */
  remainingFraction: number | null;
}

/**
 * The SLI and error budget of a window under Timeslices budgeting: a slice
 * is good when its ratio meets `timeSliceTarget` (empty slices are good),
 * the SLI is the share of good slices, and the objective `target` allows
 * `(1 − target) × totalSlices` bad slices.
 *
 * @param slices - per-slice counts for every slice of the window, including
 *   those with no events.
 * @param timeSliceTarget - the per-slice ratio a slice needs to be good, in (0, 1].
 * @param target - the SLO objective on the share of good slices, in (0, 1).
 * @public
 */
export function timeSliceBudget(
  slices: readonly TimeSliceCounts[],
  timeSliceTarget: number,
  target: number,
): TimeSliceBudget {
  const { goodSlices, totalSlices } = countGoodTimeSlices(
    slices,
    timeSliceTarget,
  );
  const consumedFraction = budgetConsumedFraction(
    goodSlices,
    totalSlices,
    target,
  );
  return {
    goodSlices,
    totalSlices,
    sli: sliFromCounts(goodSlices, totalSlices),
    budgetSlices: errorBudgetEvents(target, totalSlices),
    badSlices: totalSlices - goodSlices,
    consumedFraction,
    remainingFraction: consumedFraction === null ? null : 1 - consumedFraction,
  };
}
