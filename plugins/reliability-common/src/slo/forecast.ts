/**
 * Forecasts at the current burn rate. A burn rate of 1 spends the whole
 * error budget over one SLO period, so a burn rate `b` spends a fraction
 * `b × t / period` of the budget in `t` seconds.
 */

function assertPeriod(periodSeconds: number): void {
  if (!(Number.isFinite(periodSeconds) && periodSeconds > 0)) {
    throw new RangeError(
      `SLO period must be a positive number of seconds, got ${periodSeconds}`,
    );
  }
}

function assertNumber(name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${value}`);
  }
}

/**
 * Seconds until the error budget is exhausted if it keeps burning at
 * `burnRate`: `remaining × period / burnRate`.
 *
 * - Budget already exhausted (remaining ≤ 0): 0, whatever the burn rate.
 * - Burn rate ≤ 0 with budget left: null (never, at this rate).
 *
 * @param remainingFraction - remaining budget, 1 = untouched (may be negative).
 * @param burnRate - current burn rate (1 = exactly on budget).
 * @param periodSeconds - the SLO period (its time window) in seconds.
 * @throws RangeError for non-finite inputs or a non-positive period.
 * @public
 */
export function timeToExhaustionSeconds(
  remainingFraction: number,
  burnRate: number,
  periodSeconds: number,
): number | null {
  assertNumber('remaining budget fraction', remainingFraction);
  assertNumber('burn rate', burnRate);
  assertPeriod(periodSeconds);
  if (remainingFraction <= 0) {
    return 0;
  }
  if (burnRate <= 0) {
    return null;
  }
  return (remainingFraction * periodSeconds) / burnRate;
}

/**
 * The remaining budget fraction after `horizonSeconds` more at `burnRate`:
 * `remaining − burnRate × horizon / period`. Goes negative when the budget
 * would be overspent; a burn rate ≤ 0 spends nothing (the forecast equals
 * the current remaining budget).
 *
 * @throws RangeError for non-finite inputs, a negative horizon or a
 *   non-positive period.
 * @public
 */
export function forecastRemainingFraction(
  remainingFraction: number,
  burnRate: number,
  periodSeconds: number,
  horizonSeconds: number,
): number {
  assertNumber('remaining budget fraction', remainingFraction);
  assertNumber('burn rate', burnRate);
  assertPeriod(periodSeconds);
  if (!(Number.isFinite(horizonSeconds) && horizonSeconds >= 0)) {
    throw new RangeError(
      `forecast horizon must be a number of seconds ≥ 0, got ${horizonSeconds}`,
    );
  }
  return (
    remainingFraction - (Math.max(burnRate, 0) * horizonSeconds) / periodSeconds
  );
}

/**
 * Remaining budget forecasts for the card: after 24 hours and after 7 days.
 *
 * @public
 */
export interface RemainingBudgetForecast {
  in24h: number;
  in7d: number;
}

/**
 * The remaining budget fraction in 24 hours and in 7 days at the current
 * burn rate (see {@link forecastRemainingFraction}).
 *
 * @public
 */
export function forecastRemainingBudget(
  remainingFraction: number,
  burnRate: number,
  periodSeconds: number,
): RemainingBudgetForecast {
  const day = 24 * 60 * 60;
  return {
    in24h: forecastRemainingFraction(
      remainingFraction,
      burnRate,
      periodSeconds,
      day,
    ),
    in7d: forecastRemainingFraction(
      remainingFraction,
      burnRate,
      periodSeconds,
      7 * day,
    ),
  };
}
