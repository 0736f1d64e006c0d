import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { parseOpenSlo } from '../parse';
import {
  prometheusRuleGroups,
  PrometheusRuleGroup,
  ruleDocument,
  RuleTarget,
  sloAlertNames,
} from './prometheusRules';

const PROMTOOL = '/usr/bin/promtool';
const run = promisify(execFile);
const NOW = new Date('2026-11-22T12:00:00Z');

// promtool takes seconds on a busy machine.
jest.setTimeout(30_000);

const OPENSLO = `
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-availability, displayName: Checkout availability }
spec:
  service: checkout
  indicator:
    metadata: { name: non-5xx }
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(increase(http_requests_total{service="checkout",code!~"5.."}[{{.window}}]))' }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'http_requests_total{service="checkout"}' }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: Requests without a 5xx, target: 0.999 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: pushed }
spec:
  service: checkout
  indicator:
    metadata: { name: pushed }
    spec:
      ratioMetric:
        good: { metricSource: { type: push, spec: {} } }
        total: { metricSource: { type: push, spec: {} } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;

/** A p95 threshold SLI and a ratio under Timeslices: both counted in 5-minute slices. */
const SLICED = `
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-latency-p95, displayName: Checkout p95 latency }
spec:
  service: checkout
  indicator:
    metadata: { name: p95 }
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[{{.window}}])))'
  timeWindow: [{ duration: 1d, isRolling: true }]
  budgetingMethod: Timeslices
  objectives:
    - { displayName: p95 under 500 ms, op: lt, value: 0.5, target: 0.99, timeSliceWindow: 5m }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-sliced }
spec:
  service: checkout
  indicator:
    metadata: { name: sliced }
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus, spec: { query: 'ok_total' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'all_total' } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Timeslices
  objectives: [{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 5m }]
`;

const target: RuleTarget = {
  entityRef: 'component:default/checkout',
  name: 'checkout',
  labels: { service: 'checkout' },
  sloPageUrl:
    'https://portal.example.com/catalog/default/component/checkout/slos',
  runbookUrlFor: alert =>
    alert === 'CheckoutErrorBudgetBurnFast'
      ? 'https://portal.example.com/catalog/default/component/checkout/runbooks/high-burn-rate'
      : undefined,
};

function groups(text = OPENSLO): PrometheusRuleGroup[] {
  const { slos, problems } = parseOpenSlo(text, 'openslo.yaml');
  expect(problems).toEqual([]);
  return prometheusRuleGroups(target, slos, NOW);
}

describe('prometheusRuleGroups', () => {
  it('names the alerts as the runbooks list them', () => {
    expect(sloAlertNames('payments-api')).toEqual({
      page: 'PaymentsApiErrorBudgetBurnFast',
      ticket: 'PaymentsApiErrorBudgetBurnSlow',
      exhausted: 'PaymentsApiErrorBudgetExhausted',
    });
  });

  // 28 days: 2 % of the budget in 1 h is a burn rate of 13.44 (14.4 is for 30 days).
  it('scales the card’s burn-rate table to the SLO period, with labels and annotations', () => {
    const [group, ...others] = groups();
    // The push SLO has nothing for Prometheus to evaluate.
    expect(others).toEqual([]);
    const alerts = group.rules.filter(rule => 'alert' in rule) as any[];
    expect(
      alerts.map(a => [a.alert, a.labels.rule, a.expr.split(' and ')[0]]),
    ).toEqual([
      [
        'CheckoutErrorBudgetBurnFast',
        'page-1h',
        'slo:error_ratio:1h{service="checkout", slo="checkout-availability"} >= 0.01344',
      ],
      [
        'CheckoutErrorBudgetBurnFast',
        'page-6h',
        'slo:error_ratio:6h{service="checkout", slo="checkout-availability"} >= 0.0056',
      ],
      [
        'CheckoutErrorBudgetBurnSlow',
        'ticket-1d',
        'slo:error_ratio:1d{service="checkout", slo="checkout-availability"} >= 0.0028',
      ],
      [
        'CheckoutErrorBudgetBurnSlow',
        'ticket-3d',
        'slo:error_ratio:3d{service="checkout", slo="checkout-availability"} >= 0.000933333333333',
      ],
      [
        'CheckoutErrorBudgetExhausted',
        undefined,
        'slo:error_ratio:slo_window{service="checkout", slo="checkout-availability"} >= 0.001',
      ],
    ]);
    expect(alerts[0]).toMatchObject({
      for: '2m',
      labels: {
        service: 'checkout',
        slo: 'checkout-availability',
        severity: 'page',
      },
      annotations: {
        runbook_url:
          'https://portal.example.com/catalog/default/component/checkout/runbooks/high-burn-rate',
      },
    });
    // Without a runbook for the alert, the SLO's page.
    expect(alerts[2].annotations.runbook_url).toBe(target.sloPageUrl);
    expect(group.rules[0]).toEqual({
      record: 'slo:error_ratio:1h',
      expr: '1 - (sum(sum(increase(http_requests_total{service="checkout",code!~"5.."}[1h]))) / sum(increase(http_requests_total{service="checkout"}[1h])))',
      labels: { service: 'checkout', slo: 'checkout-availability' },
    });
  });

  it('counts bad slices of threshold and Timeslices SLIs in the slices the portal counts', () => {
    const [latency, sliced] = groups(SLICED);
    expect(latency.name).toBe(
      'component:default/checkout/checkout-latency-p95',
    );
    const oneHour = latency.rules.find(
      (rule: any) => rule.record === 'slo:error_ratio:1h',
    ) as any;
    // The source's own expression: p95 per 5-minute slice at the slice
    // boundaries of the last hour, good when under 0.5 s.
    expect(oneHour.expr).toBe(
      '1 - (sum_over_time(((max(histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))) >= -Inf) < bool 0.5)[3599s:5m]) / ' +
        'count_over_time((max(histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))) >= -Inf)[3599s:5m]))',
    );
    const fast = latency.rules.find((rule: any) => rule.alert) as any;
    // A day's budget: 2 % of it in an hour is a burn rate of 0.48; the
    // 2 minutes a 30-day SLO waits are 4 seconds.
    expect(fast).toMatchObject({
      alert: 'CheckoutErrorBudgetBurnFast',
      expr: 'slo:error_ratio:1h{service="checkout", slo="checkout-latency-p95"} >= 0.0048 and slo:error_ratio:5m{service="checkout", slo="checkout-latency-p95"} >= 0.0048',
      for: '4s',
    });
    expect(
      (
        sliced.rules.find(
          (rule: any) => rule.record === 'slo:error_ratio:5m',
        ) as any
      ).expr,
    ).toBe(
      '1 - (sum_over_time((clamp_max(((sum(increase(ok_total[5m])) or vector(0)) / sum(increase(all_total[5m])) >= bool 0.95) + (sum(increase(all_total[5m])) == bool 0), 1))[299s:5m]) / ' +
        'count_over_time((sum(increase(all_total[5m])))[299s:5m]))',
    );
  });

  it('names the SLO whose PromQL cannot be put in a rule', () => {
    const broken = OPENSLO.replace(
      'spec: { query: \'http_requests_total{service="checkout"}\' }',
      "spec: { query: 'sum(rate(x[5m])), vector(1)' }",
    );
    expect(() => groups(broken)).toThrow(
      /SLO checkout-availability: the total query \(spec.query\) is not one PromQL expression/,
    );
  });

  it('writes a prometheus-operator PrometheusRule', () => {
    expect(ruleDocument(groups(), 'operator', 'checkout')).toMatchObject({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'checkout-slos' },
      spec: {
        groups: [{ name: 'component:default/checkout/checkout-availability' }],
      },
    });
  });

  const describePromtool =
    existsSync(PROMTOOL) || (process.env.CI && process.env.CI !== 'false')
      ? describe
      : describe.skip;

  describePromtool('with promtool', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'reliability-rules-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('passes promtool check rules', async () => {
      const file = join(dir, 'rules.yaml');
      await writeFile(
        file,
        stringify(ruleDocument(groups(), 'prometheus', 'checkout')),
      );
      const { stdout } = await run(PROMTOOL, ['check', 'rules', file]);
      expect(stdout).toContain('SUCCESS: 13 rules found');
    });

    it('fires the page, ticket and exhausted alerts over a burning series and none over a healthy one (promtool test rules)', async () => {
      const [group] = groups();
      await writeFile(
        join(dir, 'rules.yaml'),
        stringify(ruleDocument(groups(), 'prometheus', 'checkout')),
      );
      const alertsOf = (name: string) =>
        group.rules
          .filter((rule: any) => rule.alert === name)
          .map((rule: any) => ({
            exp_labels: rule.labels,
            exp_annotations: rule.annotations,
          }));
      const test = {
        rule_files: ['rules.yaml'],
        evaluation_interval: '1m',
        tests: [
          {
            // 100 requests a minute, 5 of them 5xx: 5 % errors burn a 0.1 % budget 50× over.
            interval: '1m',
            input_series: [
              {
                series: 'http_requests_total{service="checkout",code="200"}',
                values: '0+95x240',
              },
              {
                series: 'http_requests_total{service="checkout",code="500"}',
                values: '0+5x240',
              },
            ],
            alert_rule_test: [
              {
                eval_time: '1m',
                alertname: 'CheckoutErrorBudgetBurnFast',
                exp_alerts: [],
              },
              {
                eval_time: '90m',
                alertname: 'CheckoutErrorBudgetBurnFast',
                exp_alerts: alertsOf('CheckoutErrorBudgetBurnFast'),
              },
              {
                eval_time: '90m',
                alertname: 'CheckoutErrorBudgetBurnSlow',
                exp_alerts: alertsOf('CheckoutErrorBudgetBurnSlow'),
              },
              {
                eval_time: '90m',
                alertname: 'CheckoutErrorBudgetExhausted',
                exp_alerts: alertsOf('CheckoutErrorBudgetExhausted'),
              },
            ],
          },
          {
            // 1 error in 2,000 requests: 0.05 % of a 0.1 % budget pages nobody.
            interval: '1m',
            input_series: [
              {
                series: 'http_requests_total{service="checkout",code="200"}',
                values: '0+1999x240',
              },
              {
                series: 'http_requests_total{service="checkout",code="500"}',
                values: '0+1x240',
              },
            ],
            alert_rule_test: [
              'CheckoutErrorBudgetBurnFast',
              'CheckoutErrorBudgetBurnSlow',
              'CheckoutErrorBudgetExhausted',
            ].map(alertname => ({
              eval_time: '3h',
              alertname,
              exp_alerts: [],
            })),
          },
        ],
      };
      const testFile = join(dir, 'test.yaml');
      await writeFile(testFile, stringify(test));
      const { stdout } = await run(PROMTOOL, ['test', 'rules', testFile], {
        cwd: dir,
      });
      expect(stdout).toContain('SUCCESS');
    });

    // promtool's test engine lets a query load only a few thousand samples,
    // too few for a histogram read per slice over 3 days; a p95 gauge takes
    // one sample a slice (the real-Prometheus tests read histograms).
    it('pages on slow 5-minute slices of a p95 threshold SLI and not on fast ones (promtool test rules)', async () => {
      const sliced = groups(
        SLICED.replace(
          /query: 'histogram_quantile.*'/,
          `query: 'checkout_latency_p95_seconds{service="checkout"}'`,
        ),
      ).slice(0, 1);
      await writeFile(
        join(dir, 'sliced.yaml'),
        stringify(ruleDocument(sliced, 'prometheus', 'checkout')),
      );
      const { stdout: checked } = await run(PROMTOOL, [
        'check',
        'rules',
        join(dir, 'sliced.yaml'),
      ]);
      expect(checked).toContain('SUCCESS: 13 rules found');
      const alertsOf = (name: string) =>
        sliced[0].rules
          .filter((rule: any) => rule.alert === name)
          .map((rule: any) => ({
            exp_labels: rule.labels,
            exp_annotations: rule.annotations,
          }));
      const p95 = (values: string) => [
        {
          series: 'checkout_latency_p95_seconds{service="checkout"}',
          values,
        },
      ];
      const names = [
        'CheckoutErrorBudgetBurnFast',
        'CheckoutErrorBudgetBurnSlow',
        'CheckoutErrorBudgetExhausted',
      ];
      const test = {
        rule_files: ['sliced.yaml'],
        evaluation_interval: '1m',
        tests: [
          {
            // A p95 of 900 ms: every slice bad.
            interval: '5m',
            input_series: p95('0.9x50'),
            alert_rule_test: names.map(alertname => ({
              eval_time: '90m',
              alertname,
              exp_alerts: alertsOf(alertname),
            })),
          },
          {
            // A p95 of 400 ms: every slice good.
            interval: '5m',
            input_series: p95('0.4x50'),
            alert_rule_test: names.map(alertname => ({
              eval_time: '3h',
              alertname,
              exp_alerts: [],
            })),
          },
        ],
      };
      await writeFile(join(dir, 'sliced.test.yaml'), stringify(test));
      const { stdout } = await run(
        PROMTOOL,
        ['test', 'rules', join(dir, 'sliced.test.yaml')],
        { cwd: dir },
      );
      expect(stdout).toContain('SUCCESS');
    });
  });
});
