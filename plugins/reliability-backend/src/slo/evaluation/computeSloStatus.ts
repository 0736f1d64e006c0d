import {
  BURN_RATE_WINDOWS,
  BurnRates,
  burnRateAlertRules,
  burnRateFromCounts,
  budgetConsumedFraction,
  errorBudgetEvents,
  errorBudgetMinutes,
  ErrorBudgetPolicyTier,
  evaluateBurnRateAlerts,
  forecastRemainingFraction,
  policyTierFor,
  sliFromCounts,
  SloStatus,
  SloTimeWindow,
  timeToExhaustionSeconds,
  windowLengthMinutes,
} from '@reliability-hub/plugin-reliability-common';
import { SliCounts } from '@reliability-hub/plugin-reliability-node';

/**
 * The name of the query window that covers the SLO window itself (the burn
 * rate windows are named after {@link BURN_RATE_WINDOWS}).
 *
 * @internal
 */
export const SLO_WINDOW = 'slo';

const DAY_SECONDS = 24 * 60 * 60;

/** Counts a source answered, made consistent: 0 ≤ good ≤ total. */
function clean(counts: SliCounts | null | undefined): SliCounts | null {
  if (!counts || !Number.isFinite(counts.total) || counts.total <= 0) {
    return null;
  }
  const good = Number.isFinite(counts.good) ? counts.good : 0;
  return {
    good: Math.min(Math.max(good, 0), counts.total),
    total: counts.total,
  };
}

/**
 * An objective's status from a source's answer: every figure from the common
 * SLO math. A source error gives `source-unavailable` and no figures, so no
 * stale number is shown as current; a window without events gives `no-data`.
 *
 * @param base - the objective as defined (see `pendingStatus`).
 * @param answer - counts per window name ({@link SLO_WINDOW} and the burn rate
 *   windows), or the source's error.
 * @param context - the evaluation instant, the SLO window and the policy tiers.
 * @internal
 */
export function computeSloStatus(
  base: SloStatus,
  answer: { windows: Record<string, SliCounts | null> } | { error: string },
  context: {
    now: Date;
    window: SloTimeWindow;
    tiers: readonly ErrorBudgetPolicyTier[];
  },
): SloStatus {
  const { now, window, tiers } = context;
  const periodSeconds = windowLengthMinutes(window) * 60;
  const evaluated: SloStatus = {
    ...base,
    evaluatedAt: now.toISOString(),
    budget: {
      ...base.budget,
      totalMinutes: errorBudgetMinutes(
        base.target,
        windowLengthMinutes(window),
      ),
    },
  };
  delete evaluated.stateMessage;
  if ('error' in answer) {
    return {
      ...evaluated,
      state: 'source-unavailable',
      stateMessage: answer.error,
    };
  }
  const counts = clean(answer.windows[SLO_WINDOW]);
  if (!counts) {
    return {
      ...evaluated,
      state: 'no-data',
      stateMessage: 'The source has no events for the SLO window.',
      window: {
        start: new Date(window.start).toISOString(),
        end: now.toISOString(),
      },
    };
  }

  const burnRates: BurnRates = {};
  for (const name of BURN_RATE_WINDOWS) {
    const windowCounts = clean(answer.windows[name]);
    burnRates[name] = windowCounts
      ? burnRateFromCounts(windowCounts.good, windowCounts.total, base.target)
      : null;
  }
  const consumed = budgetConsumedFraction(
    counts.good,
    counts.total,
    base.target,
  )!;
  const remaining = 1 - consumed;
  const alert = evaluateBurnRateAlerts(
    burnRates,
    burnRateAlertRules(periodSeconds),
  );
  const current = burnRates['1h'] ?? null;
  const exhaustion =
    current === null
      ? null
      : timeToExhaustionSeconds(remaining, current, periodSeconds);
  const tierIndex = tiers.indexOf(policyTierFor(consumed, tiers)!);

  return {
    ...evaluated,
    state: 'ok',
    window: {
      start: new Date(window.start).toISOString(),
      end: now.toISOString(),
    },
    good: counts.good,
    total: counts.total,
    sli: sliFromCounts(counts.good, counts.total),
    budget: {
      totalMinutes: evaluated.budget.totalMinutes,
      totalEvents: errorBudgetEvents(base.target, counts.total),
      consumedFraction: consumed,
      remainingFraction: remaining,
      remainingMinutes: remaining * evaluated.budget.totalMinutes,
    },
    burnRates,
    alert: { state: alert.state, rule: alert.rule },
    forecast: {
      exhaustionAt:
        exhaustion === null
          ? null
          : new Date(now.getTime() + exhaustion * 1000).toISOString(),
      remainingIn24h: forecastRemainingFraction(
        remaining,
        current ?? 0,
        periodSeconds,
        DAY_SECONDS,
      ),
      remainingIn7d: forecastRemainingFraction(
        remaining,
        current ?? 0,
        periodSeconds,
        7 * DAY_SECONDS,
      ),
    },
    tier: tierIndex >= 0 ? { ...tiers[tierIndex], index: tierIndex } : null,
  };
}
