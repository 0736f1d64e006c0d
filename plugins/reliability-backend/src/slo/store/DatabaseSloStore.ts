import {
  isSloThresholdOp,
  SloHistoryPoint,
  SloStatus,
  SloThreshold,
  thresholdSign,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { recordAudit } from '../../audit/AuditLog';
import { randomInt } from 'node:crypto';
import { raiseChangeStamp } from '../../database/changeStamps';
import { isSqlite, toNumber } from '../../database/sql';
import { yieldToLoop } from '../../database/yieldToLoop';
import {
  EntitySloDefinitions,
  SliceSums,
  SloDefinitionsTouch,
  SloStore,
  StoredSliSample,
} from './SloStore';
import {
  byEntityRef,
  SloDefinitionsCache,
  SloStatusesCache,
} from './sloCaches';
import {
  DefinitionsRow,
  downsample,
  snapshotRow,
  SnapshotRow,
  toDefinitions,
  toPoint,
} from './sloRows';

/** Rows per insert, well below SQLite's limit on bound parameters. */
const CHUNK = 200;

/**
 * Statuses written per transaction (within {@link CHUNK} rows per insert): on
 * SQLite a transaction holds the one event loop until it commits, so an
 * evaluation of thousands of objectives is written a few milliseconds at a
 * time.
 */
const STATUS_BATCH = 100;

/** Definitions rows updated between yields when a refresh touches them. */
const TOUCHES_PER_YIELD = 100;

/**
 * A definitions row's revision: a new number with each write that changes
 * what was parsed, so the cache reads again only the rows whose revision it
 * does not hold. A refresh that finds the same files moves only `read_at`
 * and the etags, which the cache takes without parsing again.
 */
const newRevision = () => randomInt(2 ** 47);

/** The columns a revision stands for. */
const PARSED_COLUMNS = [
  'location',
  'owner_ref',
  'system_ref',
  'content_hash',
  'definitions',
  'problems',
] as const;

/** The longest bucket the push API accepts. */
const MAX_BUCKET_SECONDS = 24 * 60 * 60;

/** Sample rows per insert: SQLite allows at most 500 rows per multi-row insert. */
const SAMPLE_CHUNK = 450;

/**
 * {@link SloStore} on the plugin's database (SQLite or PostgreSQL).
 *
 * Every definition and every latest status is kept in memory, parsed, and
 * read again only after a write (see {@link SloDefinitionsCache} and
 * {@link SloStatusesCache}): the areas' change stamps move with each write,
 * so the writes of other backend instances are seen too. The lists answered for all entities are shared:
 * callers must not modify them.
 *
 * @internal
 */
export class DatabaseSloStore implements SloStore {
  static create(options: { knex: Knex }) {
    return new DatabaseSloStore(options.knex);
  }

  private readonly definitions: SloDefinitionsCache;
  private readonly statuses: SloStatusesCache;

  private constructor(private readonly knex: Knex) {
    this.definitions = new SloDefinitionsCache(knex);
    this.statuses = new SloStatusesCache(knex);
  }

  async listDefinitions(
    entityRefs?: string[],
  ): Promise<EntitySloDefinitions[]> {
    const cache = await this.definitions.get();
    if (!entityRefs) {
      return cache.list;
    }
    return [...new Set(entityRefs)]
      .flatMap(ref => cache.byRef.get(ref)?.value ?? [])
      .sort(byEntityRef);
  }

  async saveDefinitions(
    definitions: EntitySloDefinitions,
    audit?: { actor: string },
  ): Promise<void> {
    const row = {
      entity_ref: definitions.entityRef,
      location: definitions.location,
      owner_ref: definitions.owner ?? null,
      system_ref: definitions.system ?? null,
      content_hash: definitions.contentHash,
      etags: JSON.stringify(definitions.etags),
      definitions: JSON.stringify(definitions.slos),
      problems: JSON.stringify(definitions.problems),
      read_at: new Date(definitions.readAt),
    };
    await this.knex.transaction(async tx => {
      const before = await tx<DefinitionsRow & { revision: unknown }>(
        'slo_definitions',
      )
        .where({ entity_ref: definitions.entityRef })
        .first();
      const sameParse =
        before &&
        PARSED_COLUMNS.every(column => before[column] === row[column]);
      await tx('slo_definitions')
        .insert({
          ...row,
          revision: sameParse ? toNumber(before.revision) : newRevision(),
        })
        .onConflict('entity_ref')
        .merge();
      if (audit) {
        const summary = (value: EntitySloDefinitions | undefined) =>
          value && {
            location: value.location,
            contentHash: value.contentHash,
            slos: value.slos.map(slo => slo.definition.name),
            problems: value.problems.length,
          };
        await recordAudit(tx, {
          actor: audit.actor,
          action: 'slo-definitions.refresh',
          resourceType: 'slo-definitions',
          resourceId: definitions.entityRef,
          entityRef: definitions.entityRef,
          before: summary(before && toDefinitions(before)) ?? undefined,
          after: summary(definitions),
        });
      }
    });
  }

  /**
   * One transaction for every touch, so the definitions stamp moves once;
   * the loop turns every {@link TOUCHES_PER_YIELD} rows.
   */
  async touchDefinitions(touches: SloDefinitionsTouch[]): Promise<void> {
    if (!touches.length) {
      return;
    }
    await this.knex.transaction(async tx => {
      for (const [i, touch] of touches.entries()) {
        await tx('slo_definitions')
          .where({ entity_ref: touch.entityRef })
          .update({
            read_at: new Date(touch.readAt),
            etags: JSON.stringify(touch.etags),
          });
        if ((i + 1) % TOUCHES_PER_YIELD === 0) {
          await yieldToLoop();
        }
      }
    });
  }

  async deleteDefinitions(entityRefs: string[]): Promise<void> {
    if (!entityRefs.length) {
      return;
    }
    await this.knex.transaction(async tx => {
      await tx('slo_definitions').whereIn('entity_ref', entityRefs).delete();
      await tx('slo_status').whereIn('entity_ref', entityRefs).delete();
      await tx('slo_policy_tiers').whereIn('entity_ref', entityRefs).delete();
      await raiseChangeStamp(tx, 'slo_statuses');
    });
  }

  /**
   * Writes a batch of statuses per transaction, yielding between them; the
   * statuses stamp moves once, after the last batch (or a failed one), so
   * readers load the evaluation once rather than once per batch.
   */
  async writeEvaluations(statuses: SloStatus[]): Promise<void> {
    if (!statuses.length) {
      return;
    }
    let written = 0;
    let failed = false;
    try {
      for (; written < statuses.length; written += STATUS_BATCH) {
        await this.writeStatusBatch(
          statuses.slice(written, written + STATUS_BATCH),
        );
        await yieldToLoop();
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // What was written shows, also when a later batch failed; a failure
      // to say so must not hide the failure that stopped the writes.
      if (written > 0) {
        const raise = raiseChangeStamp(this.knex, 'slo_statuses');
        await (failed ? raise.catch(() => undefined) : raise);
      }
    }
  }

  /** One batch (at most {@link STATUS_BATCH}) in one transaction. */
  private async writeStatusBatch(batch: SloStatus[]): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx('slo_status')
        .insert(
          batch.map(status => ({
            slo_id: status.id,
            entity_ref: status.entityRef,
            evaluated_at: new Date(status.evaluatedAt ?? Date.now()),
            status: JSON.stringify(status),
          })),
        )
        .onConflict('slo_id')
        .merge();
      await tx('slo_snapshots')
        .insert(
          batch.map(status =>
            snapshotRow(status, new Date(status.evaluatedAt ?? Date.now())),
          ),
        )
        .onConflict(['slo_id', 'evaluated_at'])
        .ignore();
    });
  }

  async insertHistory(
    sloId: string,
    entityRef: string,
    points: SloHistoryPoint[],
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      for (let i = 0; i < points.length; i += CHUNK) {
        await tx('slo_snapshots')
          .insert(
            points.slice(i, i + CHUNK).map(point => ({
              slo_id: sloId,
              entity_ref: entityRef,
              evaluated_at: new Date(point.at),
              state: point.state,
              sli: point.sli,
              remaining_fraction: point.remainingFraction,
              burn_rate_1h: point.burnRate1h,
              burn_rate_6h: point.burnRate6h,
            })),
          )
          .onConflict(['slo_id', 'evaluated_at'])
          .ignore();
      }
    });
  }

  async listStatuses(entityRefs?: string[]): Promise<Map<string, SloStatus>> {
    const cache = await this.statuses.get();
    if (!entityRefs) {
      return cache.statuses;
    }
    return new Map(
      [...new Set(entityRefs)].flatMap(
        ref =>
          cache.byEntity.get(ref)?.map(status => [status.id, status]) ?? [],
      ),
    );
  }

  async getHistory(
    sloId: string,
    range: { from: Date; to: Date; maxPoints: number },
  ): Promise<SloHistoryPoint[]> {
    const rows: SnapshotRow[] = await this.knex('slo_snapshots')
      .select(
        'evaluated_at',
        'state',
        'sli',
        'remaining_fraction',
        'burn_rate_1h',
        'burn_rate_6h',
      )
      .where('slo_id', sloId)
      .andWhere('evaluated_at', '>=', range.from)
      .andWhere('evaluated_at', '<=', range.to)
      .orderBy('evaluated_at');
    return downsample(rows.map(toPoint), range);
  }

  async hasHistory(sloId: string): Promise<boolean> {
    const row = await this.knex('slo_snapshots')
      .where('slo_id', sloId)
      .first('id');
    return Boolean(row);
  }

  async pruneHistory(before: Date): Promise<number> {
    return this.knex('slo_snapshots')
      .where('evaluated_at', '<', before)
      .delete();
  }

  async upsertSamples(
    target: { entityRef: string; sloName: string },
    samples: StoredSliSample[],
    actor?: string,
  ): Promise<number> {
    const now = new Date();
    await this.knex.transaction(async tx => {
      for (let i = 0; i < samples.length; i += SAMPLE_CHUNK) {
        await tx('sli_samples')
          .insert(
            samples.slice(i, i + SAMPLE_CHUNK).map(sample => ({
              entity_ref: target.entityRef,
              slo_name: target.sloName,
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

  async latestSampleStart(target: {
    entityRef: string;
    sloName: string;
  }): Promise<number | undefined> {
    const row = await this.knex('sli_samples')
      .max({ latest: 'bucket_start' })
      .where({ entity_ref: target.entityRef, slo_name: target.sloName })
      .first();
    return row?.latest === null || row?.latest === undefined
      ? undefined
      : toNumber(row.latest);
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

  async sumSamples(
    targets: Array<{ entityRef: string; sloName: string }>,
    end: number,
    windows: Array<{ name: string; seconds: number }>,
    threshold?: SloThreshold,
  ): Promise<Array<Record<string, { good: number; total: number } | null>>> {
    if (!windows.length || !targets.length) {
      return targets.map(() => ({}));
    }
    if (targets.length > 1 && isSqlite(this.knex)) {
      // SQLite answers on the event loop: one statement summing weeks of
      // samples for many SLOs would hold it for as long. One SLO at a time
      // (there is no round trip to save) lets the loop turn in between.
      const sums = [];
      for (const target of targets) {
        sums.push(
          ...(await this.sumSamples([target], end, windows, threshold)),
        );
      }
      return sums;
    }
    const terms = this.sampleTerms(threshold);
    const starts = windows.map(window => end - window.seconds);
    const columns = windows.flatMap((_window, i) => [
      this.knex.raw(
        `SUM(CASE WHEN bucket_start + bucket_seconds > ? THEN ${terms.good.toQuery()} ELSE 0 END) AS g${i}`,
        [starts[i]],
      ),
      this.knex.raw(
        `SUM(CASE WHEN bucket_start + bucket_seconds > ? THEN ${terms.total.toQuery()} ELSE 0 END) AS t${i}`,
        [starts[i]],
      ),
      this.knex.raw(
        `COUNT(CASE WHEN bucket_start + bucket_seconds > ? THEN 1 END) AS n${i}`,
        [starts[i]],
      ),
    ]);
    const rows: Array<Record<string, unknown>> = await this.knex('sli_samples')
      .select('entity_ref', 'slo_name', ...columns)
      .whereIn(
        ['entity_ref', 'slo_name'],
        targets.map(target => [target.entityRef, target.sloName]),
      )
      // Buckets are at most a day long: this bounds the range scanned.
      .andWhere('bucket_start', '>', Math.min(...starts) - MAX_BUCKET_SECONDS)
      .andWhere('bucket_start', '<', end)
      .groupBy('entity_ref', 'slo_name');
    const byTarget = new Map(
      rows.map(row => [`${row.entity_ref}\0${row.slo_name}`, row]),
    );
    return targets.map(target => {
      const row = byTarget.get(`${target.entityRef}\0${target.sloName}`);
      return Object.fromEntries(
        windows.map((window, i) => [
          window.name,
          row && toNumber(row[`n${i}`]) > 0
            ? { good: toNumber(row[`g${i}`]), total: toNumber(row[`t${i}`]) }
            : null,
        ]),
      );
    });
  }

  async sliceSums(
    target: { entityRef: string; sloName: string },
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

  async listSamples(
    target: { entityRef: string; sloName: string },
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
