/*
 * A p95 latency SLO ("p95 < 500 ms in 99 % of 5-minute slices over 7 days")
 * read from a real Prometheus holding 8 days of a request-duration histogram,
 * backfilled with promtool. The backend reads the OpenSLO file, evaluates it
 * with the Prometheus source and the common math; every good-slice count it
 * shows must equal the slices this test judges by hand, computing each
 * slice's p95 from the generated bucket counts the way histogram_quantile
 * does. A quiet stretch without requests has no p95: its slices are not counted.
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
const DAYS = 8;
const MINUTES = DAYS * 24 * 60;
/** The evaluation instant and the last sample; on a 5-minute boundary. */
const END = new Date('2026-11-01T00:00:00Z');
const START_MS = END.getTime() - MINUTES * MINUTE;
const ENTITY = 'component:default/checkout';
/** Upper bounds of the histogram's finite buckets, in seconds. */
const BOUNDS = [0.1, 0.25, 0.5, 1];
const ALL_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
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
metadata: { name: p95-latency }
spec:
  thresholdMetric:
    metricSource:
      type: Prometheus
      spec:
        query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[{{.window}}])))'
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: latency-p95 }
spec:
  service: checkout
  indicatorRef: p95-latency
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Timeslices
  objectives:
    - displayName: 5-minute slices with p95 under 500 ms
      op: lt
      value: 0.5
      target: 0.99
      timeSliceWindow: 5m
`;

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
 * Requests per minute by bucket (index 0..3 the finite buckets, 4 above
 * 1 s): index m is the minute that ends at START + m minutes. Mostly fast,
 * with slow stretches of different strength and a quiet half hour.
 */
function generateLatencies(): number[][] {
  const rand = random(7);
  const minutes: number[][] = [[0, 0, 0, 0, 0]];
  for (let m = 1; m <= MINUTES; m++) {
    const requests = 30 + Math.floor(rand() * 30);
    let slowShare = rand() < 0.02 ? 0.08 : 0.02;
    if (m > MINUTES - 2 * 1440 && m <= MINUTES - 2 * 1440 + 60) slowShare = 0.3;
    if (m > MINUTES - 300 && m <= MINUTES - 240) slowShare = 0.1;
    if (m > MINUTES - 30) slowShare = 0.2;
    const quiet = m > MINUTES - 1000 && m <= MINUTES - 970;
    const counts = [0, 0, 0, 0, 0];
    for (let r = 0; quiet ? false : r < requests; r++) {
      counts[bucketOf(rand, rand() < slowShare)] += 1;
    }
    minutes.push(counts);
  }
  // A slice whose p95 is exactly 0.5 s would test float rounding, not
  // counting: one more fast request moves it off the edge.
  for (let last = 5; last <= MINUTES; last += 5) {
    while (Math.abs(quantile(0.95, sliceCounts(minutes, last)) - 0.5) < 1e-6) {
      minutes[last][0] += 1;
    }
  }
  return minutes;
}

/** Requests by bucket in the 5-minute slice ending with minute `last`. */
function sliceCounts(minutes: number[][], last: number): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (let m = last - 4; m <= last; m++) {
    minutes[m].forEach((count, i) => (counts[i] += count));
  }
  return counts;
}

/** The bucket of one request: a slow one above 500 ms, a fast one below. */
function bucketOf(rand: () => number, slow: boolean): number {
  if (slow) {
    return rand() < 0.7 ? 3 : 4;
  }
  if (rand() < 0.6) {
    return 0;
  }
  return rand() < 0.7 ? 1 : 2;
}

/** OpenMetrics of the cumulative histogram buckets, one sample a minute. */
function openMetrics(minutes: number[][]): string {
  const lines = [
    '# HELP http_request_duration_seconds Request durations.',
    '# TYPE http_request_duration_seconds histogram',
  ];
  const totals = [0, 0, 0, 0, 0];
  for (let m = 0; m <= MINUTES; m++) {
    minutes[m].forEach((count, i) => (totals[i] += count));
    const seconds = (START_MS + m * MINUTE) / 1000;
    let cumulative = 0;
    [...BOUNDS, Infinity].forEach((bound, i) => {
      cumulative += totals[i];
      const le = bound === Infinity ? '+Inf' : String(bound);
      lines.push(
        `http_request_duration_seconds_bucket{service="checkout",le="${le}"} ${cumulative} ${seconds}`,
      );
    });
    lines.push(
      `http_request_duration_seconds_count{service="checkout"} ${cumulative} ${seconds}`,
    );
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

/**
 * The q-quantile of per-bucket counts as Prometheus's histogram_quantile
 * computes it: linear interpolation within the bucket the rank falls in,
 * the highest finite bound when it falls in +Inf, NaN without observations.
 */
function quantile(q: number, counts: number[]): number {
  const cumulative: number[] = [];
  counts.forEach((count, i) =>
    cumulative.push((cumulative[i - 1] ?? 0) + count),
  );
  const observations = cumulative[cumulative.length - 1];
  if (observations === 0) return NaN;
  const rank = q * observations;
  const b = cumulative.findIndex(count => count >= rank);
  if (b === BOUNDS.length) return BOUNDS[BOUNDS.length - 1];
  const start = b === 0 ? 0 : BOUNDS[b - 1];
  const below = b === 0 ? 0 : cumulative[b - 1];
  return (
    start + (BOUNDS[b] - start) * ((rank - below) / (cumulative[b] - below))
  );
}

describeIfInstalled('a p95 threshold SLO against a real Prometheus', () => {
  const minutes = generateLatencies();
  let server: PrometheusServer | undefined;

  /** Good slices (p95 < 0.5 s) and slices with requests in the `seconds` before END. */
  function slices(seconds: number) {
    let good = 0;
    let total = 0;
    for (let last = MINUTES; last > MINUTES - seconds / 60; last -= 5) {
      const p95 = quantile(0.95, sliceCounts(minutes, last));
      if (Number.isNaN(p95)) continue;
      total += 1;
      if (p95 < 0.5) good += 1;
    }
    return { good, total };
  }

  beforeAll(async () => {
    server = await startPrometheus({ openMetrics: openMetrics(minutes) });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('counts the 5-minute slices whose p95 is under 500 ms, as computed by hand', async () => {
    const portal = await startBackendWithPrometheus({
      entities: [
        componentWithOpenSlo(
          'checkout',
          'https://git.example.com/acme/checkout/openslo.yaml',
        ),
      ],
      files: { 'https://git.example.com/acme/checkout/openslo.yaml': OPENSLO },
      prometheus: {
        instances: [{ name: 'default', baseUrl: server!.baseUrl }],
      },
    });
    const querySpy = jest.spyOn(PrometheusSliSource.prototype, 'query');
    jest.useFakeTimers({
      now: END.getTime() + 42_000,
      doNotFake: [...ALL_BUT_DATE],
    });
    let status: SloStatus;
    let answer: { windows: Record<string, { good: number; total: number }> };
    try {
      await portal.evaluate();
      const results = (
        await Promise.all(querySpy.mock.results.map(result => result.value))
      ).flat() as SliQueryResult[];
      [status] = (await portal.slos(ENTITY)).slos;
      answer = results.find(result => result.key === status.id) as any;
    } finally {
      jest.useRealTimers();
      querySpy.mockRestore();
      await portal.stop();
    }

    const week = slices(7 * 86400);
    expect(answer.windows.slo).toEqual(week);
    expect(status).toMatchObject({
      state: 'ok',
      threshold: { op: 'lt', value: 0.5 },
      good: week.good,
      total: week.total,
    });
    expect(status.sli).toBeCloseTo(week.good / week.total, 9);
    expect(status.budget.remainingFraction).toBeCloseTo(
      1 - (week.total - week.good) / week.total / 0.01,
      9,
    );
    for (const window of BURN_RATE_WINDOWS) {
      const inWindow = slices(BURN_RATE_WINDOW_SECONDS[window]);
      expect(answer.windows[window]).toEqual(inWindow);
      expect(status.burnRates[window]).toBeCloseTo(
        (inWindow.total - inWindow.good) / inWindow.total / 0.01,
        9,
      );
    }

    // Not vacuous: the slow stretches cost slices, the quiet half hour is
    // not counted, and the last half hour is burning.
    expect(week.total).toBeLessThan(7 * 288);
    expect(week.good).toBeLessThan(week.total);
    expect(week.good).toBeGreaterThan(week.total * 0.9);
    expect(status.burnRates['5m']).toBeGreaterThan(14.4);
  });
});
