import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_ERROR_BUDGET_POLICY } from '@reliability-hub/plugin-reliability-common';
import {
  SliQuery,
  SliSource,
  SliSourceRegistry,
} from '@reliability-hub/plugin-reliability-node';
import { applyDatabaseMigrations } from '../../database/migrations';
import { parseOpenSlo } from '../parse';
import { PushSliSource } from '../push/PushSliSource';
import { DatabaseSloStore } from '../store/DatabaseSloStore';
import { TEST_OPENSLO } from '../__testUtils__/sloFixtures';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const ENTITY = 'component:default/payments';
const NOW = new Date('2026-11-22T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;

/** A Prometheus stand-in: answers from `answer`, or as told. */
function fakeSource(
  answer: (query: SliQuery) => Promise<any> | any,
): SliSource & { calls: SliQuery[][] } {
  const calls: SliQuery[][] = [];
  return {
    type: 'Prometheus',
    calls,
    async query(queries) {
      calls.push(queries);
      return Promise.all(
        queries.map(async q => ({ key: q.key, ...(await answer(q)) })),
      );
    },
  };
}

describe('SloEvaluator', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(
      prometheus?: SliSource,
      timeoutMs = 5_000,
      openSlo = TEST_OPENSLO,
    ) {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseSloStore.create({ knex });
      const { slos, problems } = parseOpenSlo(openSlo, 'openslo.yaml');
      expect(problems).toEqual([]);
      await store.saveDefinitions({
        entityRef: ENTITY,
        location: 'url:https://git.example.com/openslo.yaml',
        owner: 'group:default/payments',
        contentHash: 'h',
        etags: {},
        slos: slos.map(definition => ({ definition, yaml: null })),
        problems: [],
        readAt: NOW.toISOString(),
      });
      const sources = new SliSourceRegistry();
      sources.add(PushSliSource.create({ store }));
      if (prometheus) {
        sources.add(prometheus);
      }
      const evaluator = SloEvaluator.create({
        store,
        sources,
        tiers: DEFAULT_ERROR_BUDGET_POLICY,
        timeoutMs,
        logger: mockServices.logger.mock(),
      });
      return { store, evaluator };
    }

    /** Push samples: one 5-minute bucket each, for the last `hours`. */
    async function pushHours(
      store: DatabaseSloStore,
      sloName: string,
      hours: number,
      bucket: (start: number) => { good: number; total: number },
    ) {
      const samples = [];
      for (let start = NOW_S - hours * 3600; start < NOW_S; start += 300) {
        samples.push({
          bucketStart: start,
          bucketSeconds: 300,
          ...bucket(start),
        });
      }
      await store.upsertSamples(
        { entityRef: ENTITY, sloName },
        samples,
        'user:default/test',
      );
    }

    it('judges pushed p95 values against the threshold, per slice and per data point', async () => {
      const thresholdSlo = (name: string, method: string, extra: string) => `---
apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  service: payments
  indicator:
    metadata: { name: ${name}-p95 }
    spec:
      thresholdMetric: { metricSource: { type: push, spec: {} } }
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: ${method}
  objectives: [{ displayName: p95 under 300 ms, op: lt, value: 0.3, target: 0.95${extra} }]
`;
      const { store, evaluator } = await setup(
        undefined,
        5_000,
        thresholdSlo('slices', 'Timeslices', ', timeSliceWindow: 10m') +
          thresholdSlo('points', 'Occurrences', ''),
      );
      // 5-minute buckets over the last 2 hours: p95 0.2 s, except 0.3 s
      // (not under 0.3) in the bucket starting 50 minutes ago and 0.45 s in
      // the last one; the bucket 90 minutes ago posted nothing.
      for (const sloName of ['slices', 'points']) {
        const samples = [];
        for (let start = NOW_S - 7200; start < NOW_S; start += 300) {
          if (start === NOW_S - 5400) continue;
          const slow: Record<number, number> = {
            [NOW_S - 3000]: 0.3,
            [NOW_S - 300]: 0.45,
          };
          const value = slow[start] ?? 0.2;
          samples.push({
            bucketStart: start,
            bucketSeconds: 300,
            good: 0,
            total: 0,
            value,
          });
        }
        await store.upsertSamples({ entityRef: ENTITY, sloName }, samples);
      }

      const statuses = await evaluator.runCycle({ now: NOW });
      const byName = new Map(statuses.map(s => [s.sloName, s]));
      // 10-minute slices: 12 in the 2 hours, 2 of them with a slow bucket.
      expect(byName.get('slices')).toMatchObject({
        state: 'ok',
        threshold: { op: 'lt', value: 0.3 },
        good: 10,
        total: 12,
      });
      expect(byName.get('slices')!.budget.consumedFraction).toBeCloseTo(
        2 / 12 / 0.05,
        10,
      );
      // Each bucket a data point: 23 with a value, 2 of them too slow.
      expect(byName.get('points')).toMatchObject({
        state: 'ok',
        good: 21,
        total: 23,
      });
      // The last 5 minutes: one point, too slow; the last hour 2 of 12.
      expect(byName.get('points')!.burnRates['5m']).toBeCloseTo(1 / 0.05, 10);
      expect(byName.get('points')!.burnRates['1h']).toBeCloseTo(
        2 / 12 / 0.05,
        10,
      );
      expect(byName.get('slices')!.burnRates['1h']).toBeCloseTo(
        2 / 6 / 0.05,
        10,
      );
    });

    it('computes every figure from pushed counts and stores a snapshot per objective', async () => {
      const { store, evaluator } = await setup(
        fakeSource(() => ({ error: 'not under test' })),
      );
      // 3 days at 0.05 % errors, then the last hour at 5 % errors.
      await pushHours(store, 'payments-availability', 72, start =>
        start >= NOW_S - 3600
          ? { good: 950, total: 1000 }
          : { good: 9995, total: 10000 },
      );

      const statuses = await evaluator.runCycle({ now: NOW });
      const status = statuses.find(s => s.sloName === 'payments-availability')!;
      const goodEvents = 71 * 12 * 9995 + 12 * 950;
      const totalEvents = 71 * 12 * 10000 + 12 * 1000;
      expect(status).toMatchObject({
        state: 'ok',
        evaluatedAt: NOW.toISOString(),
        good: goodEvents,
        total: totalEvents,
      });
      expect(status.sli).toBeCloseTo(goodEvents / totalEvents, 10);
      const consumed = (1 - goodEvents / totalEvents) / 0.001;
      expect(status.budget.consumedFraction).toBeCloseTo(consumed, 10);
      expect(status.budget.remainingMinutes).toBeCloseTo(
        (1 - consumed) * 40.32,
        6,
      );
      // 5 % errors against a 0.1 % budget burns 50× over 5m and 1h.
      expect(status.burnRates['5m']).toBeCloseTo(50, 6);
      expect(status.burnRates['1h']).toBeCloseTo(50, 6);
      expect(status.alert.state).toBe('page');
      expect(status.alert.rule?.name).toBe('page-1h');
      expect(status.forecast.exhaustionAt).not.toBeNull();
      expect(status.tier?.name).toBe(
        DEFAULT_ERROR_BUDGET_POLICY.find(
          t =>
            consumed >= t.minConsumed &&
            (t.maxConsumed === undefined || consumed < t.maxConsumed),
        )!.name,
      );

      // The entity page reads the stored status; the chart its history.
      const latest = await store.listStatuses([ENTITY]);
      expect(latest.get(status.id)).toEqual(status);
      const history = await store.getHistory(status.id, {
        from: new Date(NOW.getTime() - 3600_000),
        to: NOW,
        maxPoints: 10,
      });
      expect(history).toEqual([
        expect.objectContaining({ at: NOW.toISOString(), state: 'ok' }),
      ]);
    });

    it('counts the last complete bucket in the shortest window between bucket ends', async () => {
      const { store, evaluator } = await setup();
      await pushHours(store, 'payments-availability', 1, () => ({
        good: 98,
        total: 100,
      }));
      // Two minutes into the next bucket, which nobody has posted yet.
      const [status] = (
        await evaluator.runCycle({ now: new Date(NOW.getTime() + 120_000) })
      ).filter(s => s.sloName === 'payments-availability');
      expect(status.burnRates['5m']).toBeCloseTo(20, 6);
    });

    it('counts good slices for Timeslices SLOs', async () => {
      const { store, evaluator } = await setup();
      // 24 hours of 5-minute slices, 6 of them below the 95 % slice target.
      await pushHours(store, 'payments-latency', 24, start =>
        start >= NOW_S - 1800
          ? { good: 90, total: 100 }
          : { good: 99, total: 100 },
      );
      const [status] = (await evaluator.runCycle({ now: NOW })).filter(
        s => s.sloName === 'payments-latency',
      );
      expect(status).toMatchObject({ state: 'ok', good: 282, total: 288 });
      expect(status.burnRates['30m']).toBeCloseTo(100, 6);
    });

    it('asks each source once per cycle with all of its SLOs', async () => {
      const source = fakeSource(() => ({
        windows: { slo: { good: 99, total: 100 } },
      }));
      const { evaluator } = await setup(source);
      const statuses = await evaluator.runCycle({ now: NOW });
      expect(source.calls).toHaveLength(1);
      expect(source.calls[0].map(q => q.sloName)).toEqual([
        'payments-prometheus',
      ]);
      expect(source.calls[0][0].total).toEqual({
        query: 'sum(rate(all[{{.window}}]))',
      });
      expect(source.calls[0][0].windows.map(w => w.name)).toEqual([
        'slo',
        '5m',
        '30m',
        '1h',
        '2h',
        '6h',
        '1d',
        '3d',
      ]);
      const prometheus = statuses.find(
        s => s.sloName === 'payments-prometheus',
      )!;
      expect(prometheus).toMatchObject({ state: 'ok', sli: 0.99 });
      // Push SLOs without samples have no data, and no figures.
      const push = statuses.find(s => s.sloName === 'payments-availability')!;
      expect(push).toMatchObject({ state: 'no-data', sli: null, good: null });
    });

    it.each([
      [
        'fails',
        () => {
          throw new Error(
            'connect ECONNREFUSED http://prometheus.internal.example:9090',
          );
        },
        // What a source throws can name internal hosts: it goes to the log only.
        /^the Prometheus source failed$/,
      ],
      [
        'times out',
        () => new Promise(() => {}),
        /^the Prometheus source did not answer within 0.05 s$/,
      ],
      [
        'answers an error for the query',
        () => ({ error: 'bad PromQL' }),
        /bad PromQL/,
      ],
    ])(
      'shows source-unavailable and no current figures when the source %s',
      async (_case, answer, message) => {
        let failing = false;
        const { store, evaluator } = await setup(
          fakeSource(query =>
            failing
              ? answer()
              : { windows: { slo: { good: 9, total: 10 } }, key: query.key },
          ),
          50,
        );
        // A good evaluation a minute before the source broke.
        const [before] = (
          await evaluator.runCycle({ now: new Date(NOW.getTime() - 60_000) })
        ).filter(s => s.sloName === 'payments-prometheus');
        expect(before).toMatchObject({ state: 'ok', sli: 0.9 });
        failing = true;
        const statuses = await evaluator.runCycle({ now: NOW });
        const status = statuses.find(s => s.sloName === 'payments-prometheus')!;
        expect(status.state).toBe('source-unavailable');
        expect(status.stateMessage).toMatch(message);
        expect(status).toMatchObject({
          good: null,
          total: null,
          sli: null,
          evaluatedAt: NOW.toISOString(),
          budget: { consumedFraction: null, remainingFraction: null },
          tier: null,
        });
        const latest = await store.listStatuses([ENTITY]);
        expect(latest.get(status.id)?.state).toBe('source-unavailable');
      },
    );

    it('keeps what a source read before its time was up, and answers the rest as timed out', async () => {
      // A second Prometheus objective, the one the source does not get to.
      const last = TEST_OPENSLO.slice(TEST_OPENSLO.lastIndexOf('---'));
      const openSlo = `${TEST_OPENSLO}\n${last.replace(
        /payments-prometheus/g,
        'payments-prometheus-slow',
      )}`;
      const seenAbort: boolean[] = [];
      const slow: SliSource = {
        type: 'Prometheus',
        async query(queries, options) {
          const read = queries.find(q => q.sloName === 'payments-prometheus')!;
          // Reads one objective, then waits out the evaluation's time.
          await new Promise(resolve =>
            options?.signal?.addEventListener('abort', resolve),
          );
          seenAbort.push(options?.signal?.aborted ?? false);
          return [
            { key: read.key, windows: { slo: { good: 99, total: 100 } } },
          ];
        },
      };
      const { evaluator } = await setup(slow, 50, openSlo);
      const statuses = await evaluator.runCycle({ now: NOW });
      expect(seenAbort).toEqual([true]);
      expect(
        statuses.find(s => s.sloName === 'payments-prometheus'),
      ).toMatchObject({ state: 'ok', sli: 0.99 });
      const unread = statuses.find(
        s => s.sloName === 'payments-prometheus-slow',
      )!;
      expect(unread.state).toBe('source-unavailable');
      expect(unread.stateMessage).toMatch(
        /^the Prometheus source did not answer within 0.05 s$/,
      );
    });

    it('deletes pushed samples older than any window reads, and keeps the rest', async () => {
      const { store, evaluator } = await setup();
      const target = { entityRef: ENTITY, sloName: 'payments-availability' };
      const bucket = (daysAgo: number) => ({
        bucketStart: NOW_S - daysAgo * 86_400,
        bucketSeconds: 300,
        good: 99,
        total: 100,
      });
      // The longest window is 28 days: samples are kept a week beyond it.
      await store.upsertSamples(target, [bucket(60), bucket(34), bucket(1)]);

      await evaluator.runCycle({ now: NOW });
      const left = await store.listSamples(target, { from: 0, end: NOW_S });
      expect(left.map(sample => (NOW_S - sample.bucketStart) / 86_400)).toEqual(
        [34, 1],
      );
      // A cycle for some entities only (a refresh) deletes nothing.
      await evaluator.runCycle({
        now: new Date(NOW.getTime() + 10 * 86_400_000),
        entityRefs: [ENTITY],
      });
      expect(
        await store.listSamples(target, { from: 0, end: NOW_S }),
      ).toHaveLength(2);
    });

    it('names a source type nobody installed', async () => {
      const { evaluator } = await setup();
      const statuses = await evaluator.runCycle({ now: NOW });
      const status = statuses.find(s => s.sloName === 'payments-prometheus')!;
      expect(status.state).toBe('source-unavailable');
      expect(status.stateMessage).toMatch(
        /No SLI source of type 'Prometheus' is installed \(installed: push\)/,
      );
    });
  });
});
