// Prometheus rules that page on an SLO as the portal judges it: the same
// multi-window, multi-burn-rate table, scaled to the SLO period.
import {
  BURN_RATE_WINDOW_SECONDS,
  BurnRateWindow,
  burnRateAlertRules,
  windowLengthMinutes,
} from '@reliability-hub/plugin-reliability-common';
import { InputError } from '@backstage/errors';
import { SloDefinition, SloMetricSource } from '../parse';
import { windowOf } from '../sloStatus';

const PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;

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

function duration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}

/** A side of a ratio over one window, as the Prometheus source reads it. */
function windowQuery(source: SloMetricSource, seconds: number): string {
  const text = source.spec.query ?? source.spec.promql;
  if (typeof text !== 'string' || !text.trim()) {
    throw new InputError(
      'the metricSource.spec has no PromQL: set spec.query (or spec.promql)',
    );
  }
  const body = text.match(PLACEHOLDER)
    ? text.replace(PLACEHOLDER, duration(seconds))
    : `increase(${text}[${duration(seconds)}])`;
  return `sum(${body})`;
}

function isPrometheus(source: SloMetricSource): boolean {
  return source.type.trim().toLocaleLowerCase('en-US') === 'prometheus';
}

/** Formats a number for PromQL without float noise: 14.4 × 0.001 → 0.0144. */
function number(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/**
 * The rule groups of an entity's SLOs with a Prometheus ratio SLI (one group
 * per objective): a recording rule of the error ratio per alert window and
 * over the SLO window, the burn-rate alerts of the portal's table scaled to
 * the SLO period (a burn rate at the factor fires, as on the card), and an
 * "error budget exhausted" alert. SLOs of other sources and threshold SLIs
 * are left out.
 *
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
    const { ratio } = definition.indicator;
    if (!ratio || !isPrometheus(ratio.total)) {
      continue;
    }
    const periodSeconds = windowLengthMinutes(windowOf(definition, now)) * 60;
    const rules = burnRateAlertRules(periodSeconds);
    definition.objectives.forEach((objective, index) => {
      const slo =
        definition.objectives.length > 1
          ? `${definition.name}/${index}`
          : definition.name;
      const labels = { ...target.labels, slo };
      const selector = Object.entries(labels)
        .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
        .join(', ');
      const record = (window: string) => `slo:error_ratio:${window}`;
      const errorRatio = (seconds: number) => {
        const total = windowQuery(ratio.total, seconds);
        return ratio.good
          ? `1 - (${windowQuery(ratio.good, seconds)} / ${total})`
          : `${windowQuery(ratio.bad!, seconds)} / ${total}`;
      };
      const windows = new Set<BurnRateWindow>(
        rules.flatMap(rule => [rule.longWindow, rule.shortWindow]),
      );
      const sloWindow = duration(periodSeconds);
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
          for: rule.severity === 'page' ? '2m' : '15m',
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
        for: '5m',
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
