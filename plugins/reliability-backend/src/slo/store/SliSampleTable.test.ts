import { TestDatabases } from '@backstage/backend-test-utils';
import {
  applyDatabaseMigrations,
  migrationsDir,
} from '../../database/migrations';
import { SliSampleTable } from './SliSampleTable';
import { StoredSliSample } from './SloStore';

jest.setTimeout(120_000);

const DAY = 86_400;
const END = Date.UTC(2026, 10, 22) / 1000;

/** What a window holds by definition: every bucket that starts before `end` and overlaps it. */
function expected(
  samples: StoredSliSample[],
  end: number,
  seconds: number,
): { good: number; total: number } | null {
  const inWindow = samples.filter(
    s => s.bucketStart < end && s.bucketStart + s.bucketSeconds > end - seconds,
  );
  return inWindow.length
    ? {
        good: inWindow.reduce((sum, s) => sum + s.good, 0),
        total: inWindow.reduce((sum, s) => sum + s.total, 0),
      }
    : null;
}

/**
 * Samples of one bucket length over `days` before END (and two hours after),
 * every seventh missing, with counts that differ from bucket to bucket.
 */
function series(bucketSeconds: number, days: number) {
  const samples: StoredSliSample[] = [];
  const first = Math.floor((END - days * DAY) / bucketSeconds) * bucketSeconds;
  for (let start = first; start < END + 2 * 3600; start += bucketSeconds) {
    const k = start / bucketSeconds;
    if (k % 7 === 3) continue;
    const total = (k * 7919) % 1000;
    samples.push({
      bucketStart: start,
      bucketSeconds,
      good: Math.max(0, total - (k % 11)),
      total,
    });
  }
  return samples;
}

describe('SliSampleTable', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      return { knex, table: new SliSampleTable(knex) };
    }

    it('sums every window as the buckets that overlap it, from the hourly roll-up and the edges', async () => {
      const { table } = await setup();
      // One SLO per bucket length; the last one mixes lengths, as a service
      // that changed its bucket does.
      const kinds = [60, 300, 900, 3600, 4 * 3600, DAY];
      const all = new Map<string, StoredSliSample[]>();
      for (const [i, seconds] of kinds.entries()) {
        const samples = series(seconds, seconds >= 3600 ? 30 : 9);
        all.set(`slo-${i}`, samples);
      }
      const mixed = [
        ...series(300, 3).filter(s => s.bucketStart < END - DAY),
        ...series(3600, 1).filter(s => s.bucketStart >= END - DAY),
      ];
      all.set('slo-mixed', mixed);
      all.set('slo-empty', []);
      for (const [sloName, samples] of all) {
        // Pushed in a few requests, as a service posts them.
        for (let i = 0; i < samples.length; i += 700) {
          await table.upsert(
            { entityRef: 'component:default/a', sloName },
            samples.slice(i, i + 700),
          );
        }
      }
      const windows = [
        300,
        1800,
        3600,
        7200,
        6 * 3600,
        DAY,
        3 * DAY,
        7 * DAY,
        28 * DAY,
      ].map(seconds => ({ name: `${seconds}`, seconds }));
      const targets = [...all.keys()].map(sloName => ({
        entityRef: 'component:default/a',
        sloName,
      }));
      // Ends on and off the hour, and within the hour of the latest bucket.
      const ends = [
        END,
        END - 1,
        END + 1,
        END - 1799,
        END - DAY + 37,
        END - 3 * DAY - 3600 + 600,
      ];
      for (const end of ends) {
        const sums = await table.sum(targets, end, windows);
        targets.forEach((target, t) => {
          const samples = all.get(target.sloName)!;
          for (const window of windows) {
            expect({
              slo: target.sloName,
              end,
              window: window.name,
              sum: sums[t][window.name],
            }).toEqual({
              slo: target.sloName,
              end,
              window: window.name,
              sum: expected(samples, end, window.seconds),
            });
          }
        });
      }
    });

    it('rolls up again the hours of buckets pushed again', async () => {
      const { table } = await setup();
      const target = { entityRef: 'component:default/a', sloName: 'slo' };
      const bucket = (start: number, good: number) => ({
        bucketStart: start,
        bucketSeconds: 300,
        good,
        total: 100,
      });
      await table.upsert(target, [
        bucket(END - 7200, 90),
        bucket(END - 6900, 90),
        bucket(END - 600, 90),
      ]);
      const window = [{ name: 'slo', seconds: DAY }];
      expect(await table.sum([target], END, window)).toEqual([
        { slo: { good: 270, total: 300 } },
      ]);
      // The first is corrected; a late bucket lands in an hour already summed.
      await table.upsert(target, [
        bucket(END - 7200, 50),
        bucket(END - 6600, 80),
      ]);
      expect(await table.sum([target], END, window)).toEqual([
        { slo: { good: 310, total: 400 } },
      ]);
    });

    it('rolls up the samples stored before the roll-up existed, and drops it when migrated down', async () => {
      const knex = await databases.init(databaseId);
      const migration = '20261213010000_sli_sample_hours.js';
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir, name: migration });
      const samples = series(300, 2);
      const updatedAt = new Date();
      for (let i = 0; i < samples.length; i += 100) {
        await knex('sli_samples').insert(
          samples.slice(i, i + 100).map(sample => ({
            entity_ref: 'component:default/a',
            slo_name: 'slo',
            bucket_start: sample.bucketStart,
            bucket_seconds: sample.bucketSeconds,
            good: sample.good,
            total: sample.total,
            updated_at: updatedAt,
          })),
        );
      }

      await knex.migrate.latest({ directory: migrationsDir });
      const table = new SliSampleTable(knex);
      const [sums] = await table.sum(
        [{ entityRef: 'component:default/a', sloName: 'slo' }],
        END - 1234,
        [{ name: 'slo', seconds: DAY }],
      );
      expect(sums.slo).toEqual(expected(samples, END - 1234, DAY));

      await knex.migrate.down({ directory: migrationsDir, name: migration });
      expect(await knex.schema.hasTable('sli_sample_hours')).toBe(false);
      expect(await knex.schema.hasTable('sli_sample_series')).toBe(false);
    });

    it('deletes the samples and hourly sums of hours before a time, and nothing after it', async () => {
      const { table } = await setup();
      const a = { entityRef: 'component:default/a', sloName: 'slo' };
      const b = { entityRef: 'component:default/b', sloName: 'slo' };
      // Minutes: several statements' worth of rows to delete.
      const samplesA = series(60, 3);
      const samplesB = series(3600, 3);
      await table.upsert(a, samplesA);
      await table.upsert(b, samplesB);
      const before = END - DAY - 1800;
      const cutoff = END - DAY - 3600;
      const kept = (samples: StoredSliSample[]) =>
        samples.filter(s => s.bucketStart >= cutoff);
      const stored = async (target: typeof a) =>
        (await table.list(target, { from: 0, end: END + DAY })).length;

      expect(await table.prune(before)).toBe(
        samplesA.length +
          samplesB.length -
          kept(samplesA).length -
          kept(samplesB).length,
      );
      expect(await table.prune(before)).toBe(0);
      expect(await stored(a)).toBe(kept(samplesA).length);
      expect(await stored(b)).toBe(kept(samplesB).length);

      // What is left sums as before, from the hours and the edges.
      const windows = [{ name: 'all', seconds: 10 * DAY }];
      expect(await table.sum([a, b], END, windows)).toEqual([
        { all: expected(kept(samplesA), END, 10 * DAY) },
        { all: expected(kept(samplesB), END, 10 * DAY) },
      ]);
    });

    it('keeps the roll-up right while two pushes to one SLO run at once', async () => {
      const { table } = await setup();
      const target = { entityRef: 'component:default/a', sloName: 'slo' };
      // Two requests, each with every other minute of the same two hours.
      const push = (offset: number) =>
        table.upsert(
          target,
          Array.from({ length: 60 }, (_, i) => ({
            bucketStart: END - 7200 + (2 * i + offset) * 60,
            bucketSeconds: 60,
            good: 1,
            total: 1,
          })),
        );
      await Promise.all([push(0), push(1)]);
      expect(
        await table.sum([target], END, [{ name: 'slo', seconds: 7200 }]),
      ).toEqual([{ slo: { good: 120, total: 120 } }]);
    });
  });
});
