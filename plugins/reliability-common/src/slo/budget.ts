/**
 * Error-budget arithmetic for the Occurrences budgeting method.
 *
 * All fractions are plain ratios (0.999, not 99.9).
 */
import { assertCounts } from './counts';

/**
 * Throws a RangeError unless `target` is an SLO objective strictly between 0
 * and 1 (0.999 for 99.9 %).
 *
 * @public
 */
export function assertSloTarget(target: number): void {
  if (!(Number.isFinite(target) && target > 0 && target < 1)) {
    throw new RangeError(
      `SLO target must be a fraction strictly between 0 and 1 (e.g. 0.999 for 99.9 %), got ${target}`,
    );
  }
}

/**
 * The error budget as a fraction of all events: `1 − target`
 * (0.001 for a 99.9 % objective).
 *
 * @throws RangeError when the target is not strictly between 0 and 1.
 * @public
 */
export function errorBudgetFraction(target: number): number {
  assertSloTarget(target);
  return 1 - target;
}

/**
 * The error budget in events: how many bad events `totalEvents` may contain
 * while still meeting the objective (1,000 of 1,000,000 at 99.9 %).
 *
 * @throws RangeError for an invalid target or a negative / non-finite count.
 * @public
 */
export function errorBudgetEvents(target: number, totalEvents: number): number {
  const budget = errorBudgetFraction(target);
  if (!(Number.isFinite(totalEvents) && totalEvents >= 0)) {
    throw new RangeError(
      `total event count must be a finite number ≥ 0, got ${totalEvents}`,
    );
  }
  return budget * totalEvents;
}

/**
 * The error budget in minutes of full outage over a window of
 * `windowMinutes` (28 days at 99.9 % = 40.32 minutes).
 *
 * @throws RangeError for an invalid target or a non-positive window.
 * @public
 */
export function errorBudgetMinutes(
  target: number,
  windowMinutes: number,
): number {
  const budget = errorBudgetFraction(target);
  if (!(Number.isFinite(windowMinutes) && windowMinutes > 0)) {
    throw new RangeError(
      `window length must be a positive number of minutes, got ${windowMinutes}`,
    );
  }
  return budget * windowMinutes;
}

/**
 * The service level indicator: `good / total`, or null when there were no
 * events (an SLI over nothing is unknown, not 0 and not NaN).
 *
 * @throws RangeError when the counts are negative or good exceeds total.
 * @public
 */
export function sliFromCounts(good: number, total: number): number | null {
  assertCounts(good, total);
  return total === 0 ? null : good / total;
}

/**
 * The share of the error budget consumed: observed bad ratio divided by the
 * budget fraction. 0 means untouched, 1 means exactly exhausted, and values
 * above 1 mean the objective is missed. Null when there were no events.
 *
 * @throws RangeError for an invalid target or invalid counts.
 * @public
 */
export function budgetConsumedFraction(
  good: number,
  total: number,
  target: number,
): number | null {
  const budget = errorBudgetFraction(target);
  assertCounts(good, total);
  if (total === 0) {
    return null;
  }
  return (total - good) / total / budget;
}

/**
 * The share of the error budget left: `1 − consumed`. Goes negative once the
 * budget is overspent (−0.5 means half a budget too much was spent). Null when
 * there were no events.
 *
 * @throws RangeError for an invalid target or invalid counts.
 * @public
 */
export function budgetRemainingFraction(
  good: number,
  total: number,
  target: number,
): number | null {
  const consumed = budgetConsumedFraction(good, total, target);
  return consumed === null ? null : 1 - consumed;
}
