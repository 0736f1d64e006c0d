/**
 * Burn rate: how fast the error budget is being spent, relative to the pace
 * that would spend exactly the whole budget over the SLO period.
 */
import { errorBudgetFraction } from './budget';
import { assertCounts } from './counts';

/**
 * The windows over which burn rates are evaluated for multi-window,
 * multi-burn-rate alerting, shortest first.
 *
 * @public
 */
export const BURN_RATE_WINDOWS = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
] as const;

/**
 * One of {@link BURN_RATE_WINDOWS}.
 *
 * @public
 */
export type BurnRateWindow = (typeof BURN_RATE_WINDOWS)[number];

/**
 * The length of each burn-rate window in seconds.
 *
 * @public
 */
export const BURN_RATE_WINDOW_SECONDS: Readonly<
  Record<BurnRateWindow, number>
> = {
  '5m': 5 * 60,
  '30m': 30 * 60,
  '1h': 60 * 60,
  '2h': 2 * 60 * 60,
  '6h': 6 * 60 * 60,
  '1d': 24 * 60 * 60,
  '3d': 3 * 24 * 60 * 60,
};

/**
 * Burn rate = observed error ratio / (1 − target). 1 spends the budget
 * exactly over the SLO period, 14.4 spends a 30-day budget in 50 hours, 0
 * spends nothing.
 *
 * @param errorRatio - bad events / total events in the window, 0 to 1.
 * @param target - the SLO objective, strictly between 0 and 1.
 * @throws RangeError for an invalid target or an error ratio outside 0 to 1.
 * @public
 */
export function burnRate(errorRatio: number, target: number): number {
  const budget = errorBudgetFraction(target);
  if (!(Number.isFinite(errorRatio) && errorRatio >= 0 && errorRatio <= 1)) {
    throw new RangeError(
      `error ratio must be a fraction between 0 and 1, got ${errorRatio}`,
    );
  }
  return errorRatio / budget;
}

/**
 * The burn rate from good / total event counts in a window; null when the
 * window had no events (no traffic burns nothing, but is also no evidence).
 *
 * @throws RangeError for an invalid target or invalid counts.
 * @public
 */
export function burnRateFromCounts(
  good: number,
  total: number,
  target: number,
): number | null {
  assertCounts(good, total);
  if (total === 0) {
    errorBudgetFraction(target);
    return null;
  }
  return burnRate((total - good) / total, target);
}
