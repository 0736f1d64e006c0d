import { mockServices } from '@backstage/backend-test-utils';
import { SliQuery } from '@reliability-hub/plugin-reliability-node';
import { PROMETHEUS_DEFAULTS, PrometheusInstance } from './config';
import { PrometheusSliSource } from './PrometheusSliSource';

const END = new Date('2026-11-20T12:00:42Z');
const ALIGNED = Date.parse('2026-11-20T12:00:00Z') / 1000;

function instance(
  overrides: Partial<PrometheusInstance> = {},
): PrometheusInstance {
  return {
    name: 'default',
    baseUrl: 'http://prom.test:9090',
    headers: {},
    ...PROMETHEUS_DEFAULTS,
    ...overrides,
  };
}

interface Request {
  url: string;
  headers: Record<string, string>;
  time: string;
  branches: string[];
}

/**
 * A fake Prometheus: splits each batched query into its branches and answers
 * each from `answer` (a number, undefined for "no series", an Error for a
 * branch Prometheus would refuse, which fails the whole request with 400, or
 * `{ series }` for a branch that answers with series of its own making).
 */
function fakePrometheus(
  answer: (
    expr: string,
    url: string,
  ) => number | undefined | Error | { series: Record<string, string> },
) {
  const requests: Request[] = [];
  const fetchFn = jest.fn(async (url: any, init: any) => {
    const form = new URLSearchParams(String(init.body));
    const branches: string[] = [];
    const result: unknown[] = [];
    let refused: Error | undefined;
    for (const match of form
      .get('query')!
      .matchAll(
        /label_replace\((.*?), "(__rh_key_[0-9a-f]{16})", "(\d+)", "", ""\)/gs,
      )) {
      branches.push(match[1]);
      const value = answer(match[1], String(url));
      if (value instanceof Error) {
        refused = value;
      } else if (typeof value === 'object') {
        result.unshift({
          metric: value.series,
          value: [Number(form.get('time')), '1000000'],
        });
      } else if (value !== undefined) {
        result.push({
          metric: { [match[2]]: match[3] },
          value: [Number(form.get('time')), String(value)],
        });
      }
    }
    requests.push({
      url: String(url),
      headers: init.headers,
      time: form.get('time')!,
      branches,
    });
    if (refused) {
      return new Response(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: refused.message,
        }),
        { status: 400 },
      );
    }
    return new Response(
      JSON.stringify({
        status: 'success',
        data: { resultType: 'vector', result },
      }),
    );
  });
  return { fetchFn: fetchFn as unknown as typeof fetch, requests };
}

function slo(name: string, overrides: Partial<SliQuery> = {}): SliQuery {
  return {
    key: name,
    entityRef: 'component:default/checkout',
    sloName: name,
    good: {
      query: `sum(increase(good_total{slo="${name}"}[{{.window}}]))`,
    },
    total: { query: `sum(increase(all_total[{{ .window }}]))` },
    end: END,
    windows: [
      { name: '5m', seconds: 300 },
      { name: '1h', seconds: 3600 },
      { name: '28d', seconds: 28 * 86400 },
    ],
    ...overrides,
  };
}

function source(
  fetchFn: typeof fetch,
  instances: PrometheusInstance[] = [instance()],
  logger = mockServices.logger.mock(),
) {
  return PrometheusSliSource.create({ instances, logger, fetchFn });
}

/** good = 90 % of total; total = window length in minutes. */
const MINUTES_BY_WINDOW: Record<string, number> = {
  '5m': 5,
  '1h': 60,
  '28d': 40320,
};
const countsByWindow = (expr: string) => {
  const minutes = MINUTES_BY_WINDOW[/\[(\w+)\]/.exec(expr)![1]];
  return expr.startsWith('sum(sum(increase(good') ? minutes * 0.9 : minutes;
};

describe('PrometheusSliSource', () => {
  it('answers many SLOs with few requests, asking a shared total query once', async () => {
    const prom = fakePrometheus(countsByWindow);
    const results = await source(prom.fetchFn, [
      instance({ batchSize: 4 }),
    ]).query([slo('a'), slo('b'), slo('c')]);

    // 3 good queries × 3 windows + 1 shared total × 3 windows = 12 expressions, 4 per request.
    expect(prom.requests.map(r => r.branches.length)).toEqual([4, 4, 4]);
    expect(prom.requests.flatMap(r => r.branches)).toContain(
      'sum(sum(increase(all_total[28d])))',
    );
    expect(results).toHaveLength(3);
    for (const key of ['a', 'b', 'c']) {
      expect(results.find(r => r.key === key)).toEqual({
        key,
        windows: {
          '5m': { good: 4.5, total: 5 },
          '1h': { good: 54, total: 60 },
          '28d': { good: 36288, total: 40320 },
        },
      });
    }
  });

  it('evaluates at the instant rounded down to the alignment, with the configured headers', async () => {
    const prom = fakePrometheus(countsByWindow);
    await source(prom.fetchFn, [
      instance({ headers: { Authorization: 'Bearer s3cret' } }),
    ]).query([slo('a')]);

    expect(prom.requests[0].url).toBe('http://prom.test:9090/api/v1/query');
    expect(Number(prom.requests[0].time)).toBe(ALIGNED);
    expect(prom.requests[0].headers.Authorization).toBe('Bearer s3cret');
  });

  it('reads a plain counter selector as the increase over each window', async () => {
    const prom = fakePrometheus(() => 1);
    const [result] = await source(prom.fetchFn).query([
      slo('a', {
        good: { promql: 'requests_total{code!~"5.."}' },
        total: { query: 'requests_total' },
        windows: [{ name: '1h', seconds: 3600 }],
      }),
    ]);

    expect(prom.requests[0].branches.sort()).toEqual([
      'sum(increase(requests_total[1h]))',
      'sum(increase(requests_total{code!~"5.."}[1h]))',
    ]);
    expect(result).toEqual({
      key: 'a',
      windows: { '1h': { good: 1, total: 1 } },
    });
  });

  it('refuses a query without a window placeholder, without failing the others', async () => {
    const prom = fakePrometheus(countsByWindow);
    const results = await source(prom.fetchFn).query([
      slo('a', { good: { query: 'sum(rate(good_total[5m]))' } }),
      slo('b'),
      slo('c', { total: {} }),
    ]);

    expect(results[0]).toEqual({
      key: 'a',
      error: expect.stringMatching(
        /SLO 'a' of component:default\/checkout: the good query \(spec\.query\) has no \{\{\.window\}\} placeholder/,
      ),
    });
    expect(results[1]).toMatchObject({
      key: 'b',
      windows: { '1h': { good: 54 } },
    });
    expect(results[2]).toEqual({
      key: 'c',
      error: expect.stringContaining(
        'the total metricSource.spec has no PromQL',
      ),
    });
    expect(prom.requests.flatMap(r => r.branches).join()).not.toContain(
      'rate(',
    );
  });

  it('isolates invalid PromQL by splitting the batch, and names the instance without its URL or answer', async () => {
    const prom = fakePrometheus(expr =>
      expr.includes('oops')
        ? new Error('1:10: parse error: unexpected identifier "oops"')
        : countsByWindow(expr),
    );
    const logger = mockServices.logger.mock();
    const results = await source(
      prom.fetchFn,
      [instance({ batchSize: 100 })],
      logger,
    ).query([
      slo('a'),
      slo('broken', {
        good: { query: 'sum(increase(good_total[{{.window}}]) oops)' },
      }),
      slo('c'),
    ]);

    expect(results.find(r => r.key === 'a')).toMatchObject({
      windows: { '28d': { good: 36288, total: 40320 } },
    });
    expect(results.find(r => r.key === 'c')).toMatchObject({
      windows: { '5m': { good: 4.5, total: 5 } },
    });
    expect(results.find(r => r.key === 'broken')).toEqual({
      key: 'broken',
      error:
        "Prometheus 'default' rejected the PromQL of this SLO (HTTP 400, bad_data); " +
        "try the queries in Prometheus's own query page",
    });
    // Operators find the rest in the log.
    expect(logger.warn).toHaveBeenCalledWith(
      "Prometheus 'default' (http://prom.test:9090) answered 400 bad_data: " +
        '1:10: parse error: unexpected identifier "oops"; SLO broken',
    );
  });

  it('keeps series that a query made up itself from answering for other queries', async () => {
    const prom = fakePrometheus(expr =>
      expr.includes('forged')
        ? { series: { __rh_key: '0' } }
        : countsByWindow(expr),
    );
    const results = await source(prom.fetchFn).query([
      slo('forger', {
        good: { query: 'sum(increase(forged_total[{{.window}}]))' },
      }),
      slo('a'),
    ]);

    expect(results[0]).toEqual({
      key: 'forger',
      error: expect.stringContaining(
        "Prometheus 'default' answered series that no query asked for",
      ),
    });
    expect(results[1]).toEqual({
      key: 'a',
      windows: {
        '5m': { good: 4.5, total: 5 },
        '1h': { good: 54, total: 60 },
        '28d': { good: 36288, total: 40320 },
      },
    });
  });

  it('reports a Prometheus that does not answer in time as unavailable, per query', async () => {
    const fetchFn = jest.fn(
      (_url: any, init: any) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal.addEventListener('abort', () =>
            reject(init.signal.reason),
          );
        }),
    ) as unknown as typeof fetch;
    const started = Date.now();
    const results = await source(fetchFn, [instance({ timeoutMs: 50 })]).query([
      slo('a'),
      slo('b'),
    ]);

    expect(Date.now() - started).toBeLessThan(2000);
    expect(results).toEqual([
      { key: 'a', error: "Prometheus 'default' did not answer within 0.05 s" },
      { key: 'b', error: "Prometheus 'default' did not answer within 0.05 s" },
    ]);
  });

  it('reports network errors and server errors without throwing, and without their text', async () => {
    const refused = jest.fn(async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:9090'), {
          code: 'ECONNREFUSED',
        }),
      });
    }) as unknown as typeof fetch;
    const unnamed = jest.fn(async () => {
      throw new TypeError('fetch failed', {
        cause: new Error('getaddrinfo failed for prom.internal.example'),
      });
    }) as unknown as typeof fetch;
    const failing = jest.fn(
      async () =>
        new Response('upstream gone: see http://10.1.2.3/status', {
          status: 503,
          statusText: 'Service Unavailable',
        }),
    ) as unknown as typeof fetch;

    await expect(source(refused).query([slo('a')])).resolves.toEqual([
      { key: 'a', error: "Prometheus 'default' is unreachable (ECONNREFUSED)" },
    ]);
    await expect(source(unnamed).query([slo('a')])).resolves.toEqual([
      { key: 'a', error: "Prometheus 'default' is unreachable" },
    ]);
    const logger = mockServices.logger.mock();
    await expect(
      source(failing, [instance()], logger).query([slo('a')]),
    ).resolves.toEqual([
      { key: 'a', error: "Prometheus 'default' answered HTTP 503" },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      "Prometheus 'default' (http://prom.test:9090) answered 503 upstream gone: see http://10.1.2.3/status",
    );
    // A server error is not the query's fault: no splitting, one request.
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it('has no data for a window without total series, and counts a missing bad query as 0', async () => {
    const prom = fakePrometheus(expr => {
      if (expr.includes('errors_total')) return undefined;
      return expr.includes('[5m]') ? undefined : 100;
    });
    const [result] = await source(prom.fetchFn).query([
      slo('a', {
        good: undefined,
        bad: { query: 'sum(increase(errors_total[{{.window}}]))' },
        windows: [
          { name: '5m', seconds: 300 },
          { name: '1h', seconds: 3600 },
        ],
      }),
    ]);

    expect(result).toEqual({
      key: 'a',
      windows: { '5m': null, '1h': { good: 100, total: 100 } },
    });
  });

  it('sends each query to the instance its spec names, the default one otherwise', async () => {
    const prom = fakePrometheus((_expr, url) => (url.includes('eu') ? 2 : 1));
    const instances = [
      instance({ name: 'eu', baseUrl: 'http://eu.test' }),
      instance({ name: 'default', baseUrl: 'http://main.test' }),
    ];
    const windows = [{ name: '1h', seconds: 3600 }];
    const results = await source(prom.fetchFn, instances).query([
      slo('a', { windows }),
      slo('b', {
        windows,
        good: { query: 'good_total', instance: 'eu' },
        total: { query: 'all_total', instance: 'eu' },
      }),
      slo('c', { windows, total: { query: 'all_total', instance: 'us' } }),
    ]);

    expect(prom.requests.map(r => r.url).sort()).toEqual([
      'http://eu.test/api/v1/query',
      'http://main.test/api/v1/query',
    ]);
    expect(results[0]).toMatchObject({ windows: { '1h': { total: 1 } } });
    expect(results[1]).toMatchObject({ windows: { '1h': { total: 2 } } });
    expect(results[2]).toEqual({
      key: 'c',
      error: expect.stringContaining(
        "the Prometheus instance that spec.instance names is not configured; configured: 'eu', 'default'",
      ),
    });
  });

  it('counts Timeslices with subqueries over slices that tile the window', async () => {
    const prom = fakePrometheus(expr =>
      expr.startsWith('sum_over_time') ? 11 : 12,
    );
    const [result] = await source(prom.fetchFn).query([
      slo('a', {
        windows: [{ name: '1h', seconds: 3600 }],
        timeSlices: { seconds: 300, target: 0.95 },
      }),
    ]);

    expect(result).toEqual({
      key: 'a',
      windows: { '1h': { good: 11, total: 12 } },
    });
    const [goodSlices, slices] = prom.requests[0].branches.sort().reverse();
    expect(goodSlices).toBe(
      'sum_over_time((clamp_max(((sum(sum(increase(good_total{slo="a"}[5m]))) or vector(0)) / ' +
        'sum(sum(increase(all_total[5m]))) >= bool 0.95) + (sum(sum(increase(all_total[5m]))) == bool 0), 1))[3599s:5m])',
    );
    expect(slices).toBe(
      'count_over_time((sum(sum(increase(all_total[5m]))))[3599s:5m])',
    );
  });
});

describe('PrometheusSliSource with threshold SLIs', () => {
  const p95 =
    'histogram_quantile(0.95, sum by (le) (rate(latency_bucket[{{.window}}])))';
  const thresholdSlo = (overrides: Partial<SliQuery> = {}) =>
    slo('p95', {
      good: undefined,
      total: undefined,
      threshold: { metric: { query: p95 }, op: 'lt', value: 0.5 },
      windows: [{ name: '1h', seconds: 3600 }],
      timeSlices: { seconds: 300, target: 1 },
      ...overrides,
    });

  it('reads the metric once per slice and counts the slices that meet the threshold', async () => {
    const prom = fakePrometheus(expr =>
      expr.startsWith('sum_over_time') ? 10 : 11,
    );
    const [result] = await source(prom.fetchFn).query([thresholdSlo()]);

    expect(result).toEqual({
      key: 'p95',
      windows: { '1h': { good: 10, total: 11 } },
    });
    const [goodSlices, slices] = prom.requests[0].branches.sort().reverse();
    expect(goodSlices).toBe(
      'sum_over_time(((max(histogram_quantile(0.95, sum by (le) (rate(latency_bucket[5m])))) >= -Inf) < bool 0.5)[3599s:5m])',
    );
    expect(slices).toBe(
      'count_over_time((max(histogram_quantile(0.95, sum by (le) (rate(latency_bucket[5m])))) >= -Inf)[3599s:5m])',
    );
  });

  it.each([
    ['lte', '<=', 'max'],
    ['gt', '>', 'min'],
    ['gte', '>=', 'min'],
  ] as const)(
    'compares with op %s as %s, reading several series at their worst (%s)',
    async (op, sign, worst) => {
      const prom = fakePrometheus(() => 1);
      await source(prom.fetchFn).query([
        thresholdSlo({
          threshold: { metric: { query: 'up{job="api"}' }, op, value: 0.99 },
        }),
      ]);
      const [goodSlices] = prom.requests[0].branches.sort().reverse();
      expect(goodSlices).toBe(
        `sum_over_time(((${worst}(${worst}_over_time(up{job="api"}[5m])) >= -Inf) ${sign} bool 0.99)[3599s:5m])`,
      );
    },
  );

  it('reads one data point a minute under Occurrences', async () => {
    const prom = fakePrometheus(() => 60);
    const [result] = await source(prom.fetchFn).query([
      thresholdSlo({ timeSlices: undefined }),
    ]);
    expect(result).toEqual({
      key: 'p95',
      windows: { '1h': { good: 60, total: 60 } },
    });
    expect(prom.requests[0].branches.sort()[0]).toContain('[3599s:1m]');
  });

  it('has no data for a window without a value, and refuses an unknown op without asking', async () => {
    const prom = fakePrometheus(() => undefined);
    const results = await source(prom.fetchFn).query([
      thresholdSlo(),
      thresholdSlo({
        key: 'eq',
        sloName: 'eq',
        threshold: { metric: { query: p95 }, op: 'eq' as any, value: 0.5 },
      }),
    ]);
    expect(results[0]).toEqual({ key: 'p95', windows: { '1h': null } });
    expect(results[1]).toEqual({
      key: 'eq',
      error: expect.stringContaining(
        "the objective's op must be lt, lte, gt or gte",
      ),
    });
    expect(prom.requests.flatMap(r => r.branches)).toHaveLength(2);
  });
});

describe('PrometheusSliSource.fromConfig', () => {
  const logger = mockServices.logger.mock();

  it('is undefined when no instance is configured', () => {
    expect(
      PrometheusSliSource.fromConfig(mockServices.rootConfig({ data: {} }), {
        logger,
      }),
    ).toBeUndefined();
  });

  it('reads instances with their token, headers and timeout', async () => {
    const prom = fakePrometheus(() => 1);
    const config = mockServices.rootConfig({
      data: {
        reliability: {
          slo: {
            prometheus: {
              instances: [
                {
                  name: 'main',
                  baseUrl: 'https://prom.test/',
                  bearerToken: 'tok',
                  headers: { 'X-Scope-OrgID': 'shop' },
                  timeout: '10s',
                },
              ],
            },
          },
        },
      },
    });
    const src = PrometheusSliSource.fromConfig(config, {
      logger,
      fetchFn: prom.fetchFn,
    });
    await src!.query([slo('a', { windows: [{ name: '1h', seconds: 3600 }] })]);

    expect(prom.requests[0].url).toBe('https://prom.test/api/v1/query');
    expect(prom.requests[0].headers).toMatchObject({
      Authorization: 'Bearer tok',
      'X-Scope-OrgID': 'shop',
    });
  });

  it('names the key of an invalid setting', () => {
    const config = mockServices.rootConfig({
      data: {
        reliability: {
          slo: {
            prometheus: {
              instances: [{ baseUrl: 'http://p', timeout: 'soon' }],
            },
          },
        },
      },
    });
    expect(() => PrometheusSliSource.fromConfig(config, { logger })).toThrow(
      'Invalid duration at reliability.slo.prometheus.instances[0].timeout: "soon"',
    );
  });
});
