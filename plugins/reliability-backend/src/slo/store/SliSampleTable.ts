import {
  isSloThresholdOp,
  SloThreshold,
  thresholdSign,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { recordAudit } from '../../audit/AuditLog';
import { isSqlite, toNumber } from '../../database/sql';
import { yieldToLoop } from '../../database/yieldToLoop';
import { SliceSums, StoredSliSample } from './SloStore';
import {
  HOUR,
  hourRanges,
  rollUpHours,
  windowParts,
  WindowPart,
} from './sliSampleHours';

/** The longest bucket the push API accepts. */
const MAX_BUCKET_SECONDS = 24 * 60 * 60;

/** Sample rows per insert: SQLite allows at most 500 rows per multi-row insert. */
const SAMPLE_CHUNK = 450;

/**
 * Rows one statement of {@link SliSampleTable.prune} deletes, and statements
 * per call: a backlog (say, after an upgrade) goes 100,000 rows per call. On
 * SQLite, where a statement holds the event loop, 250 rows took 4 ms on
 * average (1,000 took 12 ms, up to 25 ms).
 */
const PRUNE_ROWS = 250;
const PRUNE_STATEMENTS = 400;

type Target = { entityRef: string; sloName: string };
type WindowSums = Record<string, { good: number; total: number } | null>;

const targetKey = (entityRef: unknown, sloName: unknown) =>
  `${entityRef}\0${sloName}`;

/**
 * The push source's samples in the plugin's database: `sli_samples`, one row
 * per SLO and bucket, with two tables kept in the same transaction as each
 * write: `sli_sample_hours` (the buckets summed per hour of their start) and
 * `sli_sample_series` (each SLO's longest bucket). A ratio SLI's window is
 * summed from the whole hours inside it and the buckets at its edges.
 *
 * @internal
 */
export class SliSampleTable {
  constructor(private readonly knex: Knex) {}

  async upsert(
    target: Target,
    samples: StoredSliSample[],
    actor?: string,
  ): Promise<number> {
    if (!samples.length) {
      return 0;
    }
    const now = new Date();
    const key = { entity_ref: target.entityRef, slo_name: target.sloName };
    const longest = Math.max(...samples.map(sample => sample.bucketSeconds));
    await this.knex.transaction(async tx => {
      // First the SLO's series row: its lock makes concurrent pushes to one
      // SLO take turns, so each rolls up its hours from every committed
      // sample.
      await tx('sli_sample_series')
        .insert({ ...key, max_bucket_seconds: longest })
        .onConflict(['entity_ref', 'slo_name'])
        .merge({
          max_bucket_seconds: tx.raw(
            'CASE WHEN sli_sample_series.max_bucket_seconds > ? THEN sli_sample_series.max_bucket_seconds ELSE ? END',
            [longest, longest],
          ),
        });
      for (let i = 0; i < samples.length; i += SAMPLE_CHUNK) {
        await tx('sli_samples')
          .insert(
            samples.slice(i, i + SAMPLE_CHUNK).map(sample => ({
              ...key,
              bucket_start: sample.bucketStart,
              bucket_seconds: sample.bucketSeconds,
              good: sample.good,
              total: sample.total,
              value: sample.value ?? null,
              updated_at: now,
            })),
          )
          .onConflict(['entity_ref', 'slo_name', 'bucket_start'])
          .merge(['bucket_seconds', 'good', 'total', 'value', 'updated_at']);
      }
      for (const range of hourRanges(samples.map(s => s.bucketStart))) {
        await rollUpHours(tx, target, range);
      }
      if (!actor) {
        return;
      }
      const starts = samples.map(sample => sample.bucketStart);
      await recordAudit(tx, {
        actor,
        action: 'sli-samples.push',
        resourceType: 'slo',
        resourceId: `${target.entityRef}/${target.sloName}`,
        entityRef: target.entityRef,
        after: {
          samples: samples.length,
          from: new Date(Math.min(...starts) * 1000).toISOString(),
          to: new Date(Math.max(...starts) * 1000).toISOString(),
        },
        at: now,
      });
    });
    return samples.length;
  }

  /**
   * Deletes the samples, and the hourly sums, of every SLO from hours that
   * end before `before` (epoch seconds), {@link PRUNE_ROWS} rows per
   * statement and at most {@link PRUNE_STATEMENTS} statements per call.
   * Nothing reads that far back, so the two tables need not be pruned in
   * step. Answers how many samples were deleted.
   */
  async prune(before: number): Promise<number> {
    const cutoff = Math.floor(before / HOUR) * HOUR;
    // Each database's own row address: a delete with a limit on both.
    const row = isSqlite(this.knex) ? 'rowid' : 'ctid';
    const deleteSome = (table: string, column: string) =>
      this.knex(table)
        .whereIn(
          row,
          this.knex(table)
            .select(row)
            .where(column, '<', cutoff)
            .limit(PRUNE_ROWS),
        )
        .delete();
    let deleted = 0;
    let statements = 0;
    for (const [table, column] of [
      ['sli_samples', 'bucket_start'],
      ['sli_sample_hours', 'hour_start'],
    ]) {
      while (statements < PRUNE_STATEMENTS) {
        statements++;
        const count = await deleteSome(table, column);
        if (table === 'sli_samples') {
          deleted += count;
        }
        // On SQLite a delete holds the loop: let others in between.
        await yieldToLoop();
        if (count < PRUNE_ROWS) {
          break;
        }
      }
    }
    return deleted;
  }

  async latestStart(target: Target): Promise<number | undefined> {
    const row = await this.knex('sli_samples')
      .max({ latest: 'bucket_start' })
      .where({ entity_ref: target.entityRef, slo_name: target.sloName })
      .first();
    return row?.latest === null || row?.latest === undefined
      ? undefined
      : toNumber(row.latest);
  }

  /** See {@link SloStore.sumSamples}. */
  async sum(
    targets: Target[],
    end: number,
    windows: Array<{ name: string; seconds: number }>,
    threshold?: SloThreshold,
  ): Promise<WindowSums[]> {
    if (!windows.length || !targets.length) {
      return targets.map(() => ({}));
    }
    if (targets.length > 1 && isSqlite(this.knex)) {
      // SQLite answers on the event loop: one statement summing many SLOs
      // would hold it for as long. One SLO at a time (there is no round trip
      // to save) lets the loop turn in between.
      const sums = [];
      for (const target of targets) {
        sums.push(...(await this.sum([target], end, windows, threshold)));
      }
      return sums;
    }
    const parts = threshold
      ? [await this.sumBuckets(targets, end, windows, threshold)]
      : await this.withoutParallelWorkers(db =>
          this.sumRatio(db, targets, end, windows),
        );
    return targets.map(target => {
      const key = targetKey(target.entityRef, target.sloName);
      return Object.fromEntries(
        windows.map((window, i) => {
          let good = 0;
          let total = 0;
          let buckets = 0;
          for (const part of parts) {
            const row = part.get(key);
            if (row) {
              good += toNumber(row[`g${i}`]);
              total += toNumber(row[`t${i}`]);
              buckets += toNumber(row[`n${i}`]);
            }
          }
          return [window.name, buckets > 0 ? { good, total } : null];
        }),
      );
    });
  }

  /**
   * A threshold SLI's windows: bucket counts from the samples themselves (a
   * bucket's value is judged against this objective's threshold).
   */
  private async sumBuckets(
    targets: Target[],
    end: number,
    windows: Array<{ name: string; seconds: number }>,
    threshold: SloThreshold,
  ) {
    const terms = this.sampleTerms(threshold);
    const starts = windows.map(window => end - window.seconds);
    const overlaps = (i: number) =>
      this.knex.raw('bucket_start + bucket_seconds > ?', [starts[i]]);
    return this.grouped(
      this.knex('sli_samples')
        .select(
          'entity_ref',
          'slo_name',
          ...this.sums(windows, overlaps, terms),
        )
        .whereIn(
          ['entity_ref', 'slo_name'],
          targets.map(target => [target.entityRef, target.sloName]),
        )
        // Buckets are at most a day long: this bounds the range scanned.
        .andWhere('bucket_start', '>', Math.min(...starts) - MAX_BUCKET_SECONDS)
        .andWhere('bucket_start', '<', end)
        .groupBy('entity_ref', 'slo_name'),
    );
  }

  /**
   * A ratio SLI's windows in two parts: the whole hours inside each window
   * from `sli_sample_hours`, and from `sli_samples` the buckets of its first
   * and last partial hours and those that start before it and overlap it.
   */
  private async sumRatio(
    db: Knex,
    targets: Target[],
    end: number,
    windows: Array<{ name: string; seconds: number }>,
  ): Promise<Array<Map<string, Record<string, unknown>>>> {
    const rows: Array<Record<string, unknown>> = await db('sli_sample_series')
      .select('entity_ref', 'slo_name', 'max_bucket_seconds')
      .whereIn(
        ['entity_ref', 'slo_name'],
        targets.map(target => [target.entityRef, target.sloName]),
      );
    // SLOs by their longest bucket, which sets how far before each window
    // the edges reach; SLOs without a row have no samples.
    const byLongest = new Map<number, Target[]>();
    for (const row of rows) {
      const longest = toNumber(row.max_bucket_seconds);
      const target = {
        entityRef: String(row.entity_ref),
        sloName: String(row.slo_name),
      };
      const group = byLongest.get(longest);
      if (group) {
        group.push(target);
      } else {
        byLongest.set(longest, [target]);
      }
    }
    const parts = [];
    for (const [longest, group] of byLongest) {
      parts.push(...(await this.sumRatioOf(db, group, end, windows, longest)));
    }
    return parts;
  }

  /** {@link SliSampleTable.sumRatio} of SLOs with the same longest bucket. */
  private async sumRatioOf(
    db: Knex,
    targets: Target[],
    end: number,
    windows: Array<{ name: string; seconds: number }>,
    longest: number,
  ) {
    const pairs = targets.map(target => [target.entityRef, target.sloName]);
    const plan = windowParts(
      end,
      windows.map(window => window.seconds),
      longest,
    );
    const edgeOf = (i: number) => this.edgeCondition(plan.windows[i], end);
    const edgeRows = this.knex
      .unionAll(
        plan.edgeRanges.map(([from, to]) =>
          this.knex('sli_samples')
            .select('entity_ref', 'slo_name', 'bucket_start', 'bucket_seconds')
            .select('good', 'total')
            .whereIn(['entity_ref', 'slo_name'], pairs)
            .andWhere('bucket_start', '>=', from)
            .andWhere('bucket_start', '<', to),
        ),
        // SQLite takes no parentheses around a compound select's parts.
        false,
      )
      .as('edges');
    const raw = { good: this.knex.raw('good'), total: this.knex.raw('total') };
    const edges = this.grouped(
      db
        .from(edgeRows)
        .select('entity_ref', 'slo_name', ...this.sums(windows, edgeOf, raw))
        .groupBy('entity_ref', 'slo_name'),
    );
    const firstHour = Math.min(...plan.windows.map(part => part.firstHour));
    const inHours = (i: number) =>
      this.knex.raw('hour_start >= ?', [plan.windows[i].firstHour]);
    const hours =
      firstHour < plan.lastHour
        ? this.grouped(
            db('sli_sample_hours')
              .select(
                'entity_ref',
                'slo_name',
                ...this.sums(windows, inHours, raw, 'buckets'),
              )
              .whereIn(['entity_ref', 'slo_name'], pairs)
              .andWhere('hour_start', '>=', firstHour)
              .andWhere('hour_start', '<', plan.lastHour)
              .groupBy('entity_ref', 'slo_name'),
          )
        : Promise.resolve(new Map());
    return Promise.all([edges, hours]);
  }

  /**
   * On PostgreSQL, runs `read` in a transaction without parallel workers: the
   * planner starts them for the roll-up's grouped reads of a few thousand
   * rows, and starting them takes several times as long as the reads
   * (`bench/push-evaluation`).
   */
  private async withoutParallelWorkers<T>(
    read: (db: Knex) => Promise<T>,
  ): Promise<T> {
    if (isSqlite(this.knex)) {
      return read(this.knex);
    }
    return this.knex.transaction(async tx => {
      await tx.raw('SET LOCAL max_parallel_workers_per_gather = 0');
      return read(tx);
    });
  }

  /** Whether a bucket of the edges counts in a window (see windowParts). */
  private edgeCondition(part: WindowPart, end: number): Knex.Raw {
    return this.knex.raw(
      '((bucket_start < ? AND bucket_start + bucket_seconds > ?) OR bucket_start >= ?)',
      [Math.min(part.firstHour, end), part.start, part.lastEdgeFrom],
    );
  }

  /** Per window i: g{i}, t{i}, n{i} summed where `within(i)` holds. */
  private sums(
    windows: unknown[],
    within: (i: number) => Knex.Raw,
    terms: { good: Knex.Raw; total: Knex.Raw },
    bucketsColumn?: string,
  ): Knex.Raw[] {
    return windows.flatMap((_window, i) => {
      const when = within(i).toQuery();
      return [
        this.knex.raw(
          `SUM(CASE WHEN ${when} THEN ${terms.good.toQuery()} ELSE 0 END) AS g${i}`,
        ),
        this.knex.raw(
          `SUM(CASE WHEN ${when} THEN ${terms.total.toQuery()} ELSE 0 END) AS t${i}`,
        ),
        this.knex.raw(
          bucketsColumn
            ? `SUM(CASE WHEN ${when} THEN ${bucketsColumn} ELSE 0 END) AS n${i}`
            : `COUNT(CASE WHEN ${when} THEN 1 END) AS n${i}`,
        ),
      ];
    });
  }

  /** A grouped query's rows by SLO. */
  private async grouped(
    query: Knex.QueryBuilder,
  ): Promise<Map<string, Record<string, unknown>>> {
    const rows: Array<Record<string, unknown>> = await query;
    return new Map(
      rows.map(row => [targetKey(row.entity_ref, row.slo_name), row]),
    );
  }

  /**
   * The good and total terms summed per bucket: the counts, or for a
   * threshold 1/0 per bucket whose value meets it / has a value.
   */
  private sampleTerms(threshold?: SloThreshold): {
    good: Knex.Raw;
    total: Knex.Raw;
  } {
    if (!threshold) {
      return { good: this.knex.raw('good'), total: this.knex.raw('total') };
    }
    if (!isSloThresholdOp(threshold.op) || !Number.isFinite(threshold.value)) {
      throw new RangeError(`invalid threshold ${JSON.stringify(threshold)}`);
    }
    return {
      good: this.knex.raw(
        `CASE WHEN value IS NOT NULL AND value ${thresholdSign(
          threshold.op,
        )} ? THEN 1 ELSE 0 END`,
        [threshold.value],
      ),
      total: this.knex.raw('CASE WHEN value IS NOT NULL THEN 1 ELSE 0 END'),
    };
  }

  /** See {@link SloStore.sliceSums}. */
  async sliceSums(
    target: Target,
    range: { from: number; end: number; sliceSeconds: number },
    threshold?: SloThreshold,
  ): Promise<SliceSums[]> {
    const terms = this.sampleTerms(threshold);
    const slice = Math.floor(range.sliceSeconds);
    if (!(slice > 0)) {
      throw new RangeError(`slice length must be positive, got ${slice}`);
    }
    // An integer literal (checked above): integer division on both engines.
    const sliceIndex = this.knex.raw(`bucket_start / ${slice}`);
    const rows: Array<Record<string, unknown>> = await this.knex('sli_samples')
      .select(
        this.knex.raw(`${sliceIndex.toQuery()} AS slice`),
        this.knex.raw(`SUM(${terms.good.toQuery()}) AS good`),
        this.knex.raw(`SUM(${terms.total.toQuery()}) AS total`),
      )
      .where({ entity_ref: target.entityRef, slo_name: target.sloName })
      .andWhere('bucket_start', '>=', range.from)
      .andWhere('bucket_start', '<', range.end)
      .groupBy(sliceIndex)
      .orderBy(sliceIndex);
    return rows.map(row => ({
      sliceStart: toNumber(row.slice) * slice,
      good: toNumber(row.good),
      total: toNumber(row.total),
    }));
  }

  /** See {@link SloStore.listSamples}. */
  async list(
    target: Target,
    range: { from: number; end: number },
  ): Promise<StoredSliSample[]> {
    const rows: Array<Record<string, unknown>> = await this.knex('sli_samples')
      .select('bucket_start', 'bucket_seconds', 'good', 'total', 'value')
      .where({ entity_ref: target.entityRef, slo_name: target.sloName })
      .andWhere('bucket_start', '>=', range.from)
      .andWhere('bucket_start', '<', range.end)
      .orderBy('bucket_start');
    return rows.map(row => ({
      bucketStart: toNumber(row.bucket_start),
      bucketSeconds: toNumber(row.bucket_seconds),
      good: toNumber(row.good),
      total: toNumber(row.total),
      ...(row.value === null || row.value === undefined
        ? {}
        : { value: toNumber(row.value) }),
    }));
  }
}
