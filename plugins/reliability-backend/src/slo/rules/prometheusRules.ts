// Prometheus rules that page on an SLO as the portal judges it: the same
// multi-window, multi-burn-rate table, scaled to the SLO period.
import {
  BURN_RATE_WINDOW_SECONDS,
  BurnRateWindow,
  burnRateAlertRules,
  windowLengthMinutes,
} from '@reliability-hub/plugin-reliability-common';
import { InputError } from '@backstage/errors';
import {
  promDuration,
  queryText,
  RatioTexts,
  THRESHOLD_POINT_SECONDS,
  thresholdExprs,
  timeSliceExprs,
  windowExpr,
} from '@reliability-hub/plugin-reliability-node';
import { SloDefinition, SloMetricSource, SloObjective } from '../parse';
import { windowOf } from '../sloStatus';

/**
 * One Prometheus recording or alerting rule.
 *
 * @internal
 */
export type PrometheusRule =
  | { record: string; expr: string; labels: Record<string, string> }
  | {
      alert: string;
      expr: string;
      for: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    };

/**
 * A rule group: one per SLO objective.
 *
 * @internal
 */
export interface PrometheusRuleGroup {
  name: string;
  rules: PrometheusRule[];
}

/**
 * The entity the rules are for: its name (alert names start with it), the
 * labels its alert selector matches on, and the portal pages to link.
 *
 * @internal
 */
export interface RuleTarget {
  entityRef: string;
  name: string;
  /** Equality matchers of `reliability-hub.io/alert-selector`, else `{ component }`. */
  labels: Record<string, string>;
  sloPageUrl: string;
  /** The portal page of the runbook whose `alerts` names the alert. */
  runbookUrlFor(alertName: string): string | undefined;
}

/** `payments-api` → `PaymentsApi`: the prefix of the alert names runbooks list. */
export function alertNamePrefix(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(part => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The alert names of an entity's SLOs: `<Name>ErrorBudgetBurnFast` (page),
 * `<Name>ErrorBudgetBurnSlow` (ticket) and `<Name>ErrorBudgetExhausted`.
 *
 * @internal
 */
export function sloAlertNames(name: string) {
  const prefix = alertNamePrefix(name);
  return {
    page: `${prefix}ErrorBudgetBurnFast`,
    ticket: `${prefix}ErrorBudgetBurnSlow`,
    exhausted: `${prefix}ErrorBudgetExhausted`,
  };
}

function isPrometheus(source: SloMetricSource | undefined): boolean {
  return (
    !!source && source.type.trim().toLocaleLowerCase('en-US') === 'prometheus'
  );
}

/** Formats a number for PromQL without float noise: 14.4 × 0.001 → 0.0144. */
function number(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/**
 * The `for` of each alert for a 30-day SLO; shorter periods scale it down
 * with the factors, so an SLO of a day waits seconds rather than minutes.
 */
const FOR_SECONDS_30D = { page: 120, ticket: 900, exhausted: 300 };
const THIRTY_DAYS = 30 * 86_400;

function forDuration(seconds30d: number, periodSeconds: number): string {
  const seconds = (seconds30d * periodSeconds) / THIRTY_DAYS;
  return promDuration(
    seconds >= 60
      ? Math.round(seconds / 60) * 60
      : Math.max(1, Math.round(seconds)),
  );
}

/**
 * The error ratio of an objective over a window, in PromQL, judged as the
 * portal's Prometheus source judges it (the same expressions):
 * - Occurrences of a ratio: bad events / all events in the window.
 * - Timeslices, and threshold SLIs (one point a minute under Occurrences):
 *   bad slices / slices with data in the window. The subquery
 *   `[window−1s:slice]` evaluates at the multiples of the slice length, the
 *   slice boundaries the portal uses, so the rule at instant t counts the
 *   very slices the card counts when it evaluates at t; per slice, a ratio
 *   slice is good when good/total reaches `timeSliceTarget` (no traffic is
 *   good), a threshold slice when its value meets `op value` (no value is no
 *   slice).
 * Undefined when the SLO does not read Prometheus.
 */
function errorRatioOf(
  definition: SloDefinition,
  objective: SloObjective,
): ((seconds: number) => string) | undefined {
  const { ratio, threshold } = definition.indicator;
  const slices = definition.budgetingMethod === 'Timeslices';
  const sliceSeconds = objective.timeSliceWindowSeconds;
  if (threshold) {
    if (!isPrometheus(threshold) || !objective.threshold) {
      return undefined;
    }
    const text = queryText(threshold.spec, 'threshold');
    const point =
      slices && sliceSeconds ? sliceSeconds : THRESHOLD_POINT_SECONDS;
    return seconds => {
      const exprs = thresholdExprs(text, seconds, point, objective.threshold!);
      return `1 - (${exprs.goodSlices} / ${exprs.slices})`;
    };
  }
  if (!ratio || !isPrometheus(ratio.total)) {
    return undefined;
  }
  const texts: RatioTexts = {
    total: queryText(ratio.total.spec, 'total'),
    ...(ratio.good
      ? { good: queryText(ratio.good.spec, 'good') }
      : { bad: queryText(ratio.bad?.spec, 'bad') }),
  };
  if (slices) {
    if (!sliceSeconds || !objective.timeSliceTarget) {
      return undefined;
    }
    const slice = { seconds: sliceSeconds, target: objective.timeSliceTarget };
    return seconds => {
      const exprs = timeSliceExprs(texts, seconds, slice);
      return `1 - (${exprs.goodSlices} / ${exprs.slices})`;
    };
  }
  return seconds => {
    const total = windowExpr(texts.total, seconds);
    return texts.good !== undefined
      ? `1 - (${windowExpr(texts.good, seconds)} / ${total})`
      : `${windowExpr(texts.bad!, seconds)} / ${total}`;
  };
}

/** {@link errorRatioOf}, with a problem in the PromQL as a 400 naming the SLO. */
function usableErrorRatio(definition: SloDefinition, objective: SloObjective) {
  try {
    return errorRatioOf(definition, objective);
  } catch (error) {
    throw new InputError(`SLO ${definition.name}: ${(error as Error).message}`);
  }
}

/**
 * The rule groups of an entity's SLOs that read Prometheus, ratio or
 * threshold SLIs (one group per objective): a recording rule of the error
 * ratio per alert window and over the SLO window, the burn-rate alerts of the
 * portal's table scaled to the SLO period (a burn rate at the factor fires,
 * as on the card), and an "error budget exhausted" alert. SLOs of other
 * sources are left out.
 *
 * @throws InputError naming the SLO when its PromQL cannot be used.
 * @internal
 */
export function prometheusRuleGroups(
  target: RuleTarget,
  definitions: SloDefinition[],
  now: Date,
): PrometheusRuleGroup[] {
  const names = sloAlertNames(target.name);
  const groups: PrometheusRuleGroup[] = [];
  for (const definition of definitions) {
    const periodSeconds = windowLengthMinutes(windowOf(definition, now)) * 60;
    const rules = burnRateAlertRules(periodSeconds);
    definition.objectives.forEach((objective, index) => {
      const errorRatio = usableErrorRatio(definition, objective);
      if (!errorRatio) {
        return;
      }
      const slo =
        definition.objectives.length > 1
          ? `${definition.name}/${index}`
          : definition.name;
      const labels = { ...target.labels, slo };
      const selector = Object.entries(labels)
        .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
        .join(', ');
      const record = (window: string) => `slo:error_ratio:${window}`;
      const windows = new Set<BurnRateWindow>(
        rules.flatMap(rule => [rule.longWindow, rule.shortWindow]),
      );
      const sloWindow = promDuration(periodSeconds);
      const recordings: PrometheusRule[] = [
        ...[...windows].map(window => ({
          record: record(window),
          expr: errorRatio(BURN_RATE_WINDOW_SECONDS[window]),
          labels,
        })),
        {
          record: record(`slo_window`),
          expr: errorRatio(periodSeconds),
          labels,
        },
      ];
      const budget = 1 - objective.target;
      const annotations = (
        alert: string,
        summary: string,
        description: string,
      ) => ({
        summary,
        description,
        runbook_url: target.runbookUrlFor(alert) ?? target.sloPageUrl,
      });
      const alerts: PrometheusRule[] = rules.map(rule => {
        const alert = names[rule.severity];
        const threshold = number(rule.factor * budget);
        return {
          alert,
          expr:
            `${record(rule.longWindow)}{${selector}} >= ${threshold} and ` +
            `${record(rule.shortWindow)}{${selector}} >= ${threshold}`,
          for: forDuration(FOR_SECONDS_30D[rule.severity], periodSeconds),
          labels: { ...labels, severity: rule.severity, rule: rule.name },
          annotations: annotations(
            alert,
            `${definition.displayName}: error budget burning ${number(
              rule.factor,
            )}× over ${rule.longWindow} and ${rule.shortWindow}`,
            `${
              target.entityRef
            } spends its ${sloWindow} error budget of ${number(
              budget * 100,
            )} % at ${number(rule.factor)}× or faster (${rule.name}).`,
          ),
        };
      });
      alerts.push({
        alert: names.exhausted,
        expr: `${record('slo_window')}{${selector}} >= ${number(budget)}`,
        for: forDuration(FOR_SECONDS_30D.exhausted, periodSeconds),
        labels: { ...labels, severity: 'ticket' },
        annotations: annotations(
          names.exhausted,
          `${definition.displayName}: error budget exhausted`,
          `${target.entityRef} has spent its whole error budget of the last ${sloWindow}.`,
        ),
      });
      groups.push({
        name: `${target.entityRef}/${slo}`,
        rules: [...recordings, ...alerts],
      });
    });
  }
  return groups;
}

/**
 * The groups as a Prometheus rule file, or as a prometheus-operator
 * `PrometheusRule` named after the entity.
 *
 * @internal
 */
export function ruleDocument(
  groups: PrometheusRuleGroup[],
  format: 'prometheus' | 'operator',
  name: string,
): object {
  if (format === 'prometheus') {
    return { groups };
  }
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: `${name
        .toLocaleLowerCase('en-US')
        .replace(/[^a-z0-9-]+/g, '-')}-slos`,
      labels: { 'app.kubernetes.io/managed-by': 'reliability-hub' },
    },
    spec: { groups },
  };
}
