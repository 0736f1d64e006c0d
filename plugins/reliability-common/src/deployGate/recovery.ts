/**
 * When an error budget comes back below a consumption level at the current
 * burn rate.
 *
 * In a rolling window, bad events older than the window drop out while new
 * ones arrive at the current burn. Taking the spent budget as spread evenly
 * over the window (all the stored figures tell), consumption moves from
 * `c` towards the burn rate `b` as `b + (c − b)·e^(−t/P)`, so it falls below
 * `m` after `P·ln((c − b)/(m − b))`, and never while `b ≥ m`. A calendar
 * window keeps its bad events until it ends, when the budget starts afresh.
 *
 * `options`: `consumedFraction` is the budget consumed now (0.8 = 80 %),
 * `burnRate` the current burn rate (1 = on budget), `periodSeconds` the SLO
 * period, `below` the consumption to get below, `rolling` false for a
 * calendar window, and `secondsToWindowEnd` (calendar windows) the time until
 * the window ends.
 *
 * @returns seconds from now; 0 when already below; null when never at this burn.
 * @throws RangeError for non-finite figures or a non-positive period.
 * @public
 */
export function budgetRecoverySeconds(options: {
  consumedFraction: number;
  burnRate: number;
  periodSeconds: number;
  below: number;
  rolling: boolean;
  secondsToWindowEnd?: number;
}): number | null {
  const { consumedFraction: c, burnRate, periodSeconds: p, below: m } = options;
  for (const [name, value] of Object.entries({ c, burnRate, m })) {
    if (!Number.isFinite(value)) {
      throw new RangeError(`${name} must be a finite number, got ${value}`);
    }
  }
  if (!(Number.isFinite(p) && p > 0)) {
    throw new RangeError(
      `SLO period must be a positive number of seconds, got ${p}`,
    );
  }
  if (c < m) {
    return 0;
  }
  if (!options.rolling) {
    const end = options.secondsToWindowEnd;
    if (end === undefined || !Number.isFinite(end)) {
      return null;
    }
    // A new calendar window starts with an untouched budget.
    return Math.max(end, 0);
  }
  const b = Math.max(burnRate, 0);
  if (b >= m) {
    return null;
  }
  return p * Math.log((c - b) / (m - b));
}
