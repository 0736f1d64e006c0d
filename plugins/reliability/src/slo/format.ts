import {
  BURN_RATE_WINDOW_SECONDS,
  burnRateAlertRules,
  BurnRateAlertRule,
  describeThreshold,
  parseSloDuration,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';

/** Decimals that show a target exactly: 0.999 → 1 (99.9), 0.99 → 0. */
function targetDecimals(target: number): number {
  const percent = Number((target * 100).toPrecision(10));
  const [, fraction = ''] = String(percent).split('.');
  return Math.min(fraction.length, 4);
}

/** An objective as people write it: 0.999 → "99.9 %". */
export function formatTarget(target: number): string {
  return `${(target * 100).toFixed(targetDecimals(target))} %`;
}

/**
 * An SLI next to its objective, one decimal finer than the objective so that
 * a miss shows: 0.9987 against 0.999 → "99.87 %".
 */
export function formatSli(sli: number | null, target: number): string {
  if (sli === null) {
    return '–';
  }
  const decimals = Math.max(2, targetDecimals(target) + 1);
  return `${(sli * 100).toFixed(decimals)} %`;
}

/** A share of the budget, whole percent, negative when overspent: "−30 %". */
export function formatBudgetPercent(fraction: number | null): string {
  if (fraction === null) {
    return '–';
  }
  const percent = Math.round(fraction * 100);
  return `${percent < 0 ? '−' : ''}${Math.abs(percent)} %`;
}

/** Minutes as people read them: "40 min", "5 h 23 min", "2 d 4 h". */
export function formatMinutes(minutes: number): string {
  const abs = Math.abs(minutes);
  if (abs < 1) {
    return `${Math.round(abs * 60)} s`;
  }
  if (abs < 60) {
    return `${Math.round(abs)} min`;
  }
  if (abs < 24 * 60) {
    const h = Math.floor(abs / 60);
    const m = Math.round(abs - h * 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(abs / (24 * 60));
  const h = Math.round((abs - d * 24 * 60) / 60);
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** What is left of the budget in time: "5 h 23 min left" or "12 min over budget". */
export function formatRemainingMinutes(slo: SloStatus): string | undefined {
  const { remainingMinutes, totalMinutes } = slo.budget;
  if (remainingMinutes === null) {
    return undefined;
  }
  if (remainingMinutes < 0) {
    return `${formatMinutes(remainingMinutes)} over budget`;
  }
  return `${formatMinutes(remainingMinutes)} of ${formatMinutes(
    totalMinutes,
  )} left`;
}

/** A burn rate: "15.2×", "0.25×", or a dash without data. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) {
    return '–';
  }
  if (rate >= 100) {
    return `${Math.round(rate)}×`;
  }
  if (rate >= 10) {
    return `${Number(rate.toFixed(1))}×`;
  }
  return `${Number(rate.toFixed(2))}×`;
}

/**
 * When a threshold SLI counts as good, in words: "p95 … < 0.5 per 5-minute
 * slice"; undefined for a ratio SLI.
 */
export function formatThreshold(slo: SloStatus): string | undefined {
  if (!slo.threshold) {
    return undefined;
  }
  const minutes = (slo.timeSliceWindowSeconds ?? 0) / 60;
  let per = 'per data point';
  if (slo.timeSliceWindowSeconds) {
    per = Number.isInteger(minutes)
      ? `per ${minutes}-minute slice`
      : `per ${slo.timeSliceWindowSeconds}-second slice`;
  }
  return `good when the value is ${describeThreshold(slo.threshold)} ${per}`;
}

/** The OpenSLO window in words: "28 days, rolling", "1 month, calendar (Europe/Berlin)". */
export function formatTimeWindow(slo: SloStatus): string {
  const { duration, rolling, timeZone } = slo.timeWindow;
  let text = duration;
  try {
    const { amount, unit } = parseSloDuration(duration);
    const names: Record<string, string> = {
      s: 'second',
      m: 'minute',
      h: 'hour',
      d: 'day',
      w: 'week',
      M: 'month',
      Q: 'quarter',
      Y: 'year',
    };
    text = `${amount} ${names[unit]}${amount === 1 ? '' : 's'}`;
  } catch {
    // Shown as written.
  }
  if (rolling) {
    return `${text}, rolling`;
  }
  return `${text}, calendar${timeZone ? ` (${timeZone})` : ''}`;
}

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 7 * 86400,
  M: 30 * 86400,
  Q: 91 * 86400,
  Y: 365 * 86400,
};

/**
 * The SLO period in seconds: the evaluated window when there is one (calendar
 * months differ), else the written duration.
 */
export function periodSeconds(slo: SloStatus): number {
  if (slo.window) {
    const seconds =
      (Date.parse(slo.window.end) - Date.parse(slo.window.start)) / 1000;
    if (seconds > 0) {
      return seconds;
    }
  }
  try {
    const { amount, unit } = parseSloDuration(slo.timeWindow.duration);
    return amount * UNIT_SECONDS[unit];
  } catch {
    return 30 * 86400;
  }
}

/**
 * The alert rules scaled to this SLO's period: 14.4, 6, 3 and 1 for 30 days.
 * The rule that fired comes from the backend; these are for the chart lines
 * and the windows table.
 */
export function alertRulesOf(slo: SloStatus): BurnRateAlertRule[] {
  return burnRateAlertRules(periodSeconds(slo));
}

/** Window lengths in words for the burn-rate table. */
export function windowLabel(window: keyof typeof BURN_RATE_WINDOW_SECONDS) {
  const seconds = BURN_RATE_WINDOW_SECONDS[window];
  if (seconds < 3600) {
    return `${seconds / 60} minutes`;
  }
  if (seconds < 86400) {
    return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  }
  return seconds === 86400 ? '1 day' : `${seconds / 86400} days`;
}
