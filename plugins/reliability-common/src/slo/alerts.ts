/**
 * Multi-window, multi-burn-rate alert state, after the Google SRE workbook
 * ("Alerting on SLOs", recommendation 6).
 */
import { BURN_RATE_WINDOW_SECONDS, BurnRateWindow } from './burnRate';

/**
 * Severity of a burn-rate alert: `page` wakes someone up, `ticket` is for
 * working hours.
 *
 * @public
 */
export type BurnRateAlertSeverity = 'page' | 'ticket';

/**
 * The alert state of an SLO: the most severe firing rule's severity, or `ok`.
 *
 * @public
 */
export type BurnRateAlertState = BurnRateAlertSeverity | 'ok';

/**
 * A policy line before it is scaled to an SLO period: alert when
 * `budgetShare` of the period's budget would be spent within `longWindow`.
 *
 * @public
 */
export interface BurnRateAlertPolicy {
  /** Stable identifier of the rule, e.g. `page-1h`. */
  name: string;
  severity: BurnRateAlertSeverity;
  longWindow: BurnRateWindow;
  shortWindow: BurnRateWindow;
  /** Share of the period's error budget, e.g. 0.02 for 2 %. */
  budgetShare: number;
}

/**
 * An alert rule: it fires when the burn rate over both `longWindow` and
 * `shortWindow` is at least `factor` (≥, so a burn rate exactly equal to the
 * factor fires).
 *
 * @public
 */
export interface BurnRateAlertRule {
  name: string;
  severity: BurnRateAlertSeverity;
  longWindow: BurnRateWindow;
  shortWindow: BurnRateWindow;
  /** Minimum burn rate over both windows, e.g. 14.4. */
  factor: number;
}

/**
 * The workbook's four rules as budget shares: page when 2 % of the budget
 * goes in 1 h (checked against 5 m) or 5 % in 6 h (against 30 m); ticket when
 * 10 % goes in 1 d (against 2 h) or 10 % in 3 d (against 6 h).
 *
 * @public
 */
export const DEFAULT_BURN_RATE_ALERT_POLICY: readonly BurnRateAlertPolicy[] = [
  {
    name: 'page-1h',
    severity: 'page',
    longWindow: '1h',
    shortWindow: '5m',
    budgetShare: 0.02,
  },
  {
    name: 'page-6h',
    severity: 'page',
    longWindow: '6h',
    shortWindow: '30m',
    budgetShare: 0.05,
  },
  {
    name: 'ticket-1d',
    severity: 'ticket',
    longWindow: '1d',
    shortWindow: '2h',
    budgetShare: 0.1,
  },
  {
    name: 'ticket-3d',
    severity: 'ticket',
    longWindow: '3d',
    shortWindow: '6h',
    budgetShare: 0.1,
  },
];

/**
 * The burn-rate factor that spends `budgetShare` of the budget of a period of
 * `periodSeconds` within `longWindowSeconds`: `share × period / window`.
 * Rounded to 12 significant digits so that, for example, 2 % over 1 h of a
 * 30-day period is exactly 14.4 rather than 14.400000000000002.
 *
 * @throws RangeError for a share outside (0, 1] or non-positive lengths.
 * @public
 */
export function burnRateFactor(
  budgetShare: number,
  periodSeconds: number,
  longWindowSeconds: number,
): number {
  if (!(Number.isFinite(budgetShare) && budgetShare > 0 && budgetShare <= 1)) {
    throw new RangeError(
      `budget share must be a fraction in (0, 1], got ${budgetShare}`,
    );
  }
  if (!(Number.isFinite(periodSeconds) && periodSeconds > 0)) {
    throw new RangeError(
      `SLO period must be a positive number of seconds, got ${periodSeconds}`,
    );
  }
  if (!(Number.isFinite(longWindowSeconds) && longWindowSeconds > 0)) {
    throw new RangeError(
      `alert window must be a positive number of seconds, got ${longWindowSeconds}`,
    );
  }
  return Number(
    ((budgetShare * periodSeconds) / longWindowSeconds).toPrecision(12),
  );
}

/**
 * Scales an alert policy to an SLO period. For a 30-day period the default
 * policy gives the workbook's 14.4, 6, 3 and 1; for 28 days it gives 13.44,
 * 5.6, 2.8 and 0.933….
 *
 * @param periodSeconds - length of the SLO period (its time window).
 * @param policy - budget shares per rule; defaults to the workbook's.
 * @public
 */
export function burnRateAlertRules(
  periodSeconds: number,
  policy: readonly BurnRateAlertPolicy[] = DEFAULT_BURN_RATE_ALERT_POLICY,
): BurnRateAlertRule[] {
  return policy.map(({ budgetShare, ...rule }) => ({
    ...rule,
    factor: burnRateFactor(
      budgetShare,
      periodSeconds,
      BURN_RATE_WINDOW_SECONDS[rule.longWindow],
    ),
  }));
}

/**
 * Burn rates by window; a missing or null window (no data, no traffic)
 * never makes a rule fire.
 *
 * @public
 */
export type BurnRates = Partial<Record<BurnRateWindow, number | null>>;

/**
 * The outcome of {@link evaluateBurnRateAlerts}.
 *
 * @public
 */
export interface BurnRateAlertResult {
  state: BurnRateAlertState;
  /** The rule that decided the state (the first firing page rule, else the first firing ticket rule), or null when ok. */
  rule: BurnRateAlertRule | null;
  /** Every rule that fired, in the order given. */
  firing: BurnRateAlertRule[];
}

function fires(rule: BurnRateAlertRule, rates: BurnRates): boolean {
  const long = rates[rule.longWindow];
  const short = rates[rule.shortWindow];
  return (
    typeof long === 'number' &&
    typeof short === 'number' &&
    long >= rule.factor &&
    short >= rule.factor
  );
}

/**
 * The multi-window, multi-burn-rate alert state: a rule fires when the burn
 * rate over its long window AND over its short window are both ≥ its factor;
 * the state is `page` if any page rule fires, else `ticket` if any ticket
 * rule fires, else `ok`.
 *
 * @param rates - burn rates by window.
 * @param rules - the rules; use {@link burnRateAlertRules} to scale the
 *   defaults to the SLO period.
 * @public
 */
export function evaluateBurnRateAlerts(
  rates: BurnRates,
  rules: readonly BurnRateAlertRule[],
): BurnRateAlertResult {
  const firing = rules.filter(rule => fires(rule, rates));
  const rule =
    firing.find(r => r.severity === 'page') ??
    firing.find(r => r.severity === 'ticket') ??
    null;
  return { state: rule ? rule.severity : 'ok', rule, firing };
}
