/*
 * A real Prometheus (Debian's `prometheus`) holding 31 days of a checkout
 * service's request counters, backfilled with `promtool tsdb
 * create-blocks-from openmetrics`. The reliability backend with this module
 * reads the OpenSLO files of the components and evaluates them as a portal
 * does (queries from the evaluator, counts from the Prometheus source, figures
 * from the common math), at the instant the data ends; every SLI, remaining
 * budget and burn rate its entity page shows must equal what this test
 * computes by hand from the generated per-minute counts, to 1e-6.
 *
 * Without the binaries the suite is skipped with a warning, unless CI is set:
 * then it fails (scripts/test.sh installs the package).
 */
import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_SECONDS,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import { SliQueryResult } from '@reliability-hub/plugin-reliability-node';
import {
  PROMETHEUS,
  PrometheusServer,
  PROMTOOL,
  startPrometheus,
} from './__testUtils__/prometheusServer';
import { describeWithBinaries } from './__testUtils__/systemBinaries';
import {
  componentWithOpenSlo,
  startBackendWithPrometheus,
} from './__testUtils__/testBackend';
import { PrometheusSliSource } from './PrometheusSliSource';

const describeIfInstalled = describeWithBinaries({
  what: 'Prometheus',
  binaries: [PROMETHEUS, PROMTOOL],
  debianPackage: 'prometheus',
});

jest.setTimeout(60_000);

const MINUTE = 60_000;
const DAYS = 31;
/** The evaluation instant and the last sample; on a 5-minute boundary. */
const END = new Date('2026-11-01T00:00:00Z');
/** When the cycle runs: 42 s later; the source rounds it down to END. */
const NOW = new Date(END.getTime() + 42_000);
const START_MS = END.getTime() - DAYS * 24 * 60 * MINUTE;
const MINUTES = DAYS * 24 * 60;
const ENTITY = 'component:default/checkout';
/** Jest fakes only the clock: the backend's timers and Prometheus's run as usual. */
const ALL_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

const OPENSLO = `
apiVersion: openslo/v1
kind: SLI
metadata: { name: non-5xx }
spec:
  ratioMetric:
    good:
      metricSource:
        type: Prometheus
        spec:
          query: 'sum(increase(http_requests_total{service="checkout",code!~"5.."}[{{.window}}]))'
    total:
      metricSource:
        type: Prometheus
        spec:
          query: 'sum(increase(http_requests_total{service="checkout"}[{{.window}}]))'
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  service: checkout
  indicatorRef: non-5xx
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: Requests without a 5xx, target: 0.999 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: errors }
spec:
  service: checkout
  indicator:
    metadata: { name: errors-of-all }
    spec:
      ratioMetric:
        bad:
          metricSource:
            type: Prometheus
            spec: { query: 'http_requests_total{service="checkout",code=~"5.."}' }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'http_requests_total{service="checkout"}' }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: Errors, target: 0.99 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: good-slices }
spec:
  service: checkout
  indicatorRef: non-5xx
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Timeslices
  objectives:
    - displayName: 5-minute slices with 95 % good requests
      target: 0.99
      timeSliceTarget: 0.95
      timeSliceWindow: 5m
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: broken }
spec:
  service: checkout
  indicator:
    metadata: { name: broken-query }
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(increase(http_requests_total{code="200"}[{{.window}}]) oops)' }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(increase(http_requests_total[{{.window}}]))' }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: Never evaluates, target: 0.9 }]
`;

/** The file's SLI documents and the SLOs named `names`, without the others. */
function onlySlos(openSlo: string, names: string[]): string {
  return openSlo
    .split(/^---$/m)
    .filter(
      doc =>
        /^kind: SLI$/m.test(doc) ||
        names.some(name => doc.includes(`metadata: { name: ${name} }`)),
    )
    .join('---');
}

/**
 * Another team's SLO whose good query closes the `sum(…)` it is wrapped in
 * and adds branches of its own, labelled with every batch key, so that they
 * answer for the queries of other entities in the same request.
 */
function hostileOpenSlo(): string {
  const forged = Array.from(
    { length: 100 },
    (_, key) => `label_replace(vector(1000000), "__rh_key", "${key}", "", "")`,
  ).join(' or ');
  const query =
    'sum(increase(http_requests_total[{{.window}}]))), "__rh_key", "x", "", "") or ' +
    `${forged} or label_replace(sum(vector(0)`;
  return `
apiVersion: openslo/v1
kind: SLO
metadata: { name: takeover }
spec:
  service: attacker
  indicator:
    metadata: { name: takeover }
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec: { query: ${JSON.stringify(query)} }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(increase(http_requests_total[{{.window}}]))' }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: Everything, target: 0.9 }]
`;
}

/** A small deterministic random number generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Requests and errors per minute: index m counts the events in the minute
 * that ends at START + m minutes (m = 1..MINUTES), with a few bad periods.
 */
function generateTraffic() {
  const rand = random(42);
  const total = [0];
  const errors = [0];
  const minuteOf = (day: number, hour: number, minute = 0) =>
    day * 1440 + hour * 60 + minute;
  for (let m = 1; m <= MINUTES; m++) {
    const requests = 40 + Math.floor(rand() * 30);
    let errorShare = rand() < 0.03 ? 0.02 : 0;
    if (m > minuteOf(3, 10) && m <= minuteOf(3, 11)) errorShare = 0.5;
    if (m > minuteOf(20, 2) && m <= minuteOf(20, 2, 30)) errorShare = 1;
    if (m > MINUTES - 1440 && m <= MINUTES - 1380) errorShare = 0.08;
    if (m > MINUTES - 180) errorShare = rand() < 0.5 ? 0.06 : 0.01;
    total.push(requests);
    errors.push(Math.round(requests * errorShare));
  }
  return { total, errors };
}

/**
 * OpenMetrics text of the two counters, one sample a minute; both restart
 * from zero once (a deploy) on day 10.
 */
function openMetrics(traffic: { total: number[]; errors: number[] }): string {
  const resetAt = 10 * 1440 + 7;
  const lines = [
    '# HELP http_requests Requests served.',
    '# TYPE http_requests counter',
  ];
  let ok = 0;
  let failed = 0;
  for (let m = 0; m <= MINUTES; m++) {
    if (m === resetAt) {
      ok = 0;
      failed = 0;
    }
    ok += traffic.total[m] - traffic.errors[m];
    failed += traffic.errors[m];
    const seconds = (START_MS + m * MINUTE) / 1000;
    lines.push(
      `http_requests_total{service="checkout",code="200"} ${ok} ${seconds}`,
      `http_requests_total{service="checkout",code="500"} ${failed} ${seconds}`,
    );
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

describeIfInstalled(
  'the Prometheus SLI source against a real Prometheus',
  () => {
    const traffic = generateTraffic();
    let server: PrometheusServer | undefined;
    let baseUrl: string;
    /** Good and total requests in the `seconds` before END, summed by hand. */
    function counts(seconds: number) {
      let good = 0;
      let total = 0;
      for (let m = MINUTES - seconds / 60 + 1; m <= MINUTES; m++) {
        good += traffic.total[m] - traffic.errors[m];
        total += traffic.total[m];
      }
      return { good, total };
    }

    /** Good 5-minute slices (≥ 95 % good) of the `seconds` before END, by hand. */
    function slices(seconds: number) {
      let good = 0;
      let total = 0;
      for (let last = MINUTES; last > MINUTES - seconds / 60; last -= 5) {
        let sliceGood = 0;
        let sliceTotal = 0;
        for (let m = last - 4; m <= last; m++) {
          sliceGood += traffic.total[m] - traffic.errors[m];
          sliceTotal += traffic.total[m];
        }
        total += 1;
        if (sliceTotal === 0 || sliceGood / sliceTotal >= 0.95) good += 1;
      }
      return { good, total };
    }

    beforeAll(async () => {
      server = await startPrometheus({ openMetrics: openMetrics(traffic) });
      baseUrl = server.baseUrl;
    });

    afterAll(async () => {
      await server?.stop();
    });

    /**
     * Installs the module in a backend whose catalog holds `entities`, lets
     * it read their OpenSLO files and run one evaluation cycle with its clock
     * at NOW (timers run as usual), and answers what the entity pages show,
     * what the source answered and how many PromQL requests the cycle took.
     */
    async function evaluate(
      entities: Array<{
        entityRef: string;
        openSlo: string;
        /** Only these SLOs of the file. */
        only?: string[];
      }> = [{ entityRef: ENTITY, openSlo: OPENSLO }],
      batchSize = 8,
    ): Promise<{
      answers: Map<string, SliQueryResult>;
      statuses: Map<string, SloStatus>;
      requests: number;
    }> {
      const files: Record<string, string> = {};
      const components = entities.map(({ entityRef, openSlo, only }) => {
        const name = entityRef.split('/')[1];
        const url = `https://git.example.com/acme/${name}/openslo.yaml`;
        files[url] = only ? onlySlos(openSlo, only) : openSlo;
        return componentWithOpenSlo(name, url);
      });
      const portal = await startBackendWithPrometheus({
        entities: components,
        files,
        prometheus: { instances: [{ name: 'default', baseUrl, batchSize }] },
      });
      const fetchSpy = jest.spyOn(globalThis, 'fetch');
      const querySpy = jest.spyOn(PrometheusSliSource.prototype, 'query');
      jest.useFakeTimers({
        now: NOW.getTime(),
        doNotFake: [...ALL_BUT_DATE],
      });
      try {
        await portal.evaluate();
        const results = (
          await Promise.all(querySpy.mock.results.map(result => result.value))
        ).flat() as SliQueryResult[];
        const requests = fetchSpy.mock.calls.filter(([url]) =>
          String(url).startsWith(`${baseUrl}/api/v1/query`),
        ).length;
        const statuses = new Map<string, SloStatus>();
        for (const { entityRef } of entities) {
          for (const status of (await portal.slos(entityRef)).slos) {
            statuses.set(status.sloName, status);
          }
        }
        return {
          answers: new Map(results.map(result => [result.key, result])),
          statuses,
          requests,
        };
      } finally {
        jest.useRealTimers();
        fetchSpy.mockRestore();
        querySpy.mockRestore();
        await portal.stop();
      }
    }

    it('computes SLI, remaining budget and burn rates equal to the generated series', async () => {
      const { statuses, answers, requests } = await evaluate();

      const check = (
        name: string,
        target: number,
        sloSeconds: number,
        expected: (seconds: number) => { good: number; total: number },
      ) => {
        const status = statuses.get(name)!;
        const answer = answers.get(status.id) as {
          windows: Record<string, { good: number; total: number }>;
        };
        const slo = expected(sloSeconds);
        // The counts themselves are exact: increase() over samples on the window edges.
        expect(answer.windows.slo).toEqual(slo);
        const errorRatio = (slo.total - slo.good) / slo.total;
        expect(status.state).toBe('ok');
        expect(status.sli).toBeCloseTo(slo.good / slo.total, 6);
        expect(status.budget.remainingFraction).toBeCloseTo(
          1 - errorRatio / (1 - target),
          6,
        );
        for (const window of BURN_RATE_WINDOWS) {
          const inWindow = expected(BURN_RATE_WINDOW_SECONDS[window]);
          expect(answer.windows[window]).toEqual(inWindow);
          expect(status.burnRates[window]).toBeCloseTo(
            (inWindow.total - inWindow.good) / inWindow.total / (1 - target),
            6,
          );
        }
        return status;
      };

      const availability = check('availability', 0.999, 28 * 86400, counts);
      const errors = check('errors', 0.99, 30 * 86400, counts);
      const goodSlices = check('good-slices', 0.99, 7 * 86400, slices);

      // The generated bad periods are visible, so the checks above are not vacuous.
      expect(availability.budget.remainingFraction).toBeLessThan(0);
      expect(errors.budget.remainingFraction).toBeGreaterThan(0);
      expect(availability.burnRates['5m']).toBeGreaterThan(14.4);
      expect(goodSlices.sli).toBeLessThan(1);
      expect(goodSlices.burnRates['1d']).toBeGreaterThan(0);

      // The invalid query costs its own SLO only; what Prometheus said about
      // it goes to the log, not to the page.
      expect(statuses.get('broken')).toMatchObject({
        state: 'source-unavailable',
        stateMessage:
          "Prometheus 'default' rejected the PromQL of this SLO (HTTP 400, bad_data); " +
          "try the queries in Prometheus's own query page",
      });
      // 4 SLOs × 8 windows × 2 expressions = 64, in 8 requests of 8; the two
      // holding the broken SLO's are asked again in halves.
      expect(requests).toBeGreaterThanOrEqual(8);
      expect(requests).toBeLessThanOrEqual(14);
    });

    it("cannot be made to answer one entity's SLO with another entity's crafted query", async () => {
      // The crafted SLO comes first, so its forged branches would win every key.
      const { statuses, answers } = await evaluate(
        [
          {
            entityRef: 'component:default/attacker',
            openSlo: hostileOpenSlo(),
          },
          // Without the SLO whose PromQL Prometheus refuses, which splits the batch.
          { entityRef: ENTITY, openSlo: OPENSLO, only: ['availability'] },
        ],
        100,
      );

      const answer = answers.get(statuses.get('availability')!.id) as {
        windows: Record<string, { good: number; total: number }>;
      };
      expect(answer.windows.slo).toEqual(counts(28 * 86400));
      for (const window of BURN_RATE_WINDOWS) {
        expect(answer.windows[window]).toEqual(
          counts(BURN_RATE_WINDOW_SECONDS[window]),
        );
      }
      expect(
        statuses.get('availability')!.budget.remainingFraction,
      ).toBeLessThan(0);

      // The crafted query costs its own SLO, with a message about its
      // definition that does not repeat it.
      const takeover = statuses.get('takeover')!;
      expect(takeover).toMatchObject({
        state: 'source-unavailable',
        stateMessage: expect.stringContaining('spec.query'),
      });
      expect(takeover.stateMessage).not.toContain('label_replace');
    });
  },
);
