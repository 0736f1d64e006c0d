import { TestDatabases } from '@backstage/backend-test-utils';
import { SliQuery } from '@reliability-hub/plugin-reliability-node';
import { applyDatabaseMigrations } from '../../database/migrations';
import { DatabaseSloStore } from '../store/DatabaseSloStore';
import { PushSliSource } from './PushSliSource';

jest.setTimeout(60_000);

const END = new Date('2026-11-22T12:00:00Z');
const END_S = END.getTime() / 1000;
const WINDOWS = [
  { name: 'slo', seconds: 24 * 3600 },
  { name: '1h', seconds: 3600 },
];

/** An Occurrences query of service `i`'s SLO `name`. */
function occurrences(i: number, name = 'availability'): SliQuery {
  return {
    key: `component:default/service-${i}/${name}`,
    entityRef: `component:default/service-${i}`,
    sloName: name,
    end: END,
    windows: WINDOWS,
  };
}

describe('PushSliSource', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseSloStore.create({ knex });
      return { store, source: PushSliSource.create({ store }) };
    }

    /** Hourly buckets of `good` / 10 for the last `hours`, or `value`s. */
    async function push(
      store: DatabaseSloStore,
      query: SliQuery,
      hours: number,
      bucket: { good: number; total: number; value?: number },
    ) {
      const samples = [];
      for (let h = 1; h <= hours; h++) {
        samples.push({
          bucketStart: END_S - h * 3600,
          bucketSeconds: 3600,
          ...bucket,
        });
      }
      await store.upsertSamples(query, samples, 'user:default/test');
    }

    it('sums each SLO of a large batch over its own samples only', async () => {
      const { store, source } = await setup();
      // More SLOs than one query sums, some without samples, and a second
      // SLO of one entity.
      const queries = Array.from({ length: 60 }, (_, i) => occurrences(i));
      queries.push(occurrences(7, 'latency'));
      for (let i = 0; i < 60; i += 2) {
        await push(store, queries[i], 2 + (i % 5), { good: i, total: 100 });
      }
      await push(store, queries[60], 3, { good: 1, total: 2 });

      const results = await source.query([...queries].reverse());
      const byKey = new Map(results.map(result => [result.key, result]));
      expect(results).toHaveLength(61);
      for (let i = 0; i < 60; i++) {
        const hours = 2 + (i % 5);
        expect(byKey.get(queries[i].key)).toEqual({
          key: queries[i].key,
          windows:
            i % 2 === 0
              ? {
                  slo: { good: i * hours, total: 100 * hours },
                  '1h': { good: i, total: 100 },
                }
              : { slo: null, '1h': null },
        });
      }
      expect(byKey.get(queries[60].key)).toEqual({
        key: queries[60].key,
        windows: { slo: { good: 3, total: 6 }, '1h': { good: 1, total: 2 } },
      });
    });

    it('sums threshold SLIs apart from ratio SLIs, each by its own threshold', async () => {
      const { store, source } = await setup();
      const ratio = occurrences(1, 'availability');
      const fast = {
        ...occurrences(1, 'latency'),
        threshold: { metric: {}, op: 'lte' as const, value: 0.3 },
      };
      const strict = {
        ...occurrences(2, 'latency'),
        threshold: { metric: {}, op: 'lte' as const, value: 0.1 },
      };
      await push(store, ratio, 4, { good: 9, total: 10 });
      await push(store, fast, 4, { good: 0, total: 0, value: 0.2 });
      await push(store, strict, 4, { good: 0, total: 0, value: 0.2 });

      const results = await source.query([ratio, fast, strict]);
      expect(results.map(result => result.key)).toEqual([
        ratio.key,
        fast.key,
        strict.key,
      ]);
      expect(
        results.map(result => 'windows' in result && result.windows.slo),
      ).toEqual([
        { good: 36, total: 40 },
        { good: 4, total: 4 },
        { good: 0, total: 4 },
      ]);
    });

    it('answers the SLOs it did not get to as timed out once the signal aborts', async () => {
      const { store, source } = await setup();
      const queries = Array.from({ length: 3 }, (_, i) => occurrences(i));
      await push(store, queries[0], 1, { good: 1, total: 1 });
      const controller = new AbortController();
      controller.abort();
      const results = await source.query(queries, {
        signal: controller.signal,
      });
      expect(results).toEqual(
        queries.map(query => ({
          key: query.key,
          error: 'the evaluation timed out before this SLO was read',
        })),
      );
    });
  });
});
