import {
  SloHistoryPoint,
  SloStatus,
  SloThreshold,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { recordAudit } from '../../audit/AuditLog';
import { randomInt } from 'node:crypto';
import { raiseChangeStamp } from '../../database/changeStamps';
import { toNumber } from '../../database/sql';
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
import { SliSampleTable } from './SliSampleTable';

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
  private readonly samples: SliSampleTable;

  private constructor(private readonly knex: Knex) {
    this.definitions = new SloDefinitionsCache(knex);
    this.statuses = new SloStatusesCache(knex);
    this.samples = new SliSampleTable(knex);
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

  upsertSamples(
    target: { entityRef: string; sloName: string },
    samples: StoredSliSample[],
    actor?: string,
  ): Promise<number> {
    return this.samples.upsert(target, samples, actor);
  }

  latestSampleStart(target: {
    entityRef: string;
    sloName: string;
  }): Promise<number | undefined> {
    return this.samples.latestStart(target);
  }

  sumSamples(
    targets: Array<{ entityRef: string; sloName: string }>,
    end: number,
    windows: Array<{ name: string; seconds: number }>,
    threshold?: SloThreshold,
  ): Promise<Array<Record<string, { good: number; total: number } | null>>> {
    return this.samples.sum(targets, end, windows, threshold);
  }

  sliceSums(
    target: { entityRef: string; sloName: string },
    range: { from: number; end: number; sliceSeconds: number },
    threshold?: SloThreshold,
  ): Promise<SliceSums[]> {
    return this.samples.sliceSums(target, range, threshold);
  }

  pruneSamples(before: number): Promise<number> {
    return this.samples.prune(before);
  }

  listSamples(
    target: { entityRef: string; sloName: string },
    range: { from: number; end: number },
  ): Promise<StoredSliSample[]> {
    return this.samples.list(target, range);
  }
}
