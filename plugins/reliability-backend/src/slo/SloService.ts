import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_OPENSLO,
  EntitySlos,
  ErrorBudgetPolicyTier,
  SliSamplesRequest,
  SloHistory,
  SloOverview,
  sloOverviewQuerySchema,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';
import { indicatorSourceType, SloDefinition } from './parse';
import { PUSH_SOURCE_TYPE } from './push/PushSliSource';
import { SloFileRefresher } from './files/SloFileRefresher';
import { currentStatuses, windowOf } from './sloStatus';
import { EntitySloDefinitions, SloStore } from './store/SloStore';

/** Points a history answers at most: a 28-day chart stays light. */
export const MAX_HISTORY_POINTS = 500;

/**
 * Filters of the SLO overview.
 *
 * @internal
 */
export type SloOverviewFilter = z.output<typeof sloOverviewQuerySchema>;

function entitySlos(
  entityRef: string,
  definitions: EntitySloDefinitions[],
  latest: Map<string, SloStatus>,
  now: Date,
): EntitySlos {
  const readAt = definitions
    .map(d => d.readAt)
    .sort()
    .at(-1);
  return {
    entityRef,
    configured: definitions.length > 0,
    slos: definitions.flatMap(d => currentStatuses(d, latest, now)),
    problems: definitions.flatMap(d => d.problems),
    definitionsReadAt: readAt ?? null,
  };
}

/** Least remaining budget first; objectives without figures last. */
function byRemainingBudget(a: SloStatus, b: SloStatus): number {
  const ra = a.budget.remainingFraction;
  const rb = b.budget.remainingFraction;
  if (ra === null || rb === null) {
    return (
      (ra === null ? 1 : 0) - (rb === null ? 1 : 0) || a.id.localeCompare(b.id)
    );
  }
  return ra - rb || a.id.localeCompare(b.id);
}

/**
 * The SLO features behind the routes: entity SLOs from the latest snapshots,
 * the overview, history, on-demand refresh and push samples.
 *
 * @internal
 */
export class SloService {
  static create(options: {
    store: SloStore;
    refresher: SloFileRefresher;
    tiers: readonly ErrorBudgetPolicyTier[];
  }) {
    return new SloService(options);
  }

  private constructor(
    private readonly options: {
      store: SloStore;
      refresher: SloFileRefresher;
      tiers: readonly ErrorBudgetPolicyTier[];
    },
  ) {}

  /**
   * The SLOs of one entity from the stored definitions and snapshots. An
   * entity whose definitions were never read is read now (a file read, not
   * a source query), so a new entity does not wait for the schedule. Pass
   * `entity` when the request has read it already: the catalog is not asked
   * for it again, and an entity without the annotation is not read at all.
   */
  async forEntity(entityRef: string, entity?: Entity): Promise<EntitySlos> {
    const definitions = await this.definitionsOf(entityRef, entity);
    const latest = await this.options.store.listStatuses([entityRef]);
    return entitySlos(
      entityRef,
      definitions ? [definitions] : [],
      latest,
      new Date(),
    );
  }

  /** The valid SLO definitions of an entity (read now when never read). */
  async definitions(entityRef: string): Promise<SloDefinition[]> {
    const stored = await this.definitionsOf(entityRef);
    return stored?.slos.map(slo => slo.definition) ?? [];
  }

  /** The valid SLO definitions of every entity read so far, by entity. */
  async allDefinitions(): Promise<
    Array<{ entityRef: string; definitions: SloDefinition[] }>
  > {
    const stored = await this.options.store.listDefinitions();
    return stored.map(entity => ({
      entityRef: entity.entityRef,
      definitions: entity.slos.map(slo => slo.definition),
    }));
  }

  /** The stored definitions of an entity, read now when never read. */
  private async definitionsOf(
    entityRef: string,
    entity?: Entity,
  ): Promise<EntitySloDefinitions | undefined> {
    const [stored] = await this.options.store.listDefinitions([entityRef]);
    if (stored) {
      return stored;
    }
    // Nothing stored and no files named: nothing to read, nothing to forget.
    if (entity && !entity.metadata.annotations?.[ANNOTATION_OPENSLO]) {
      return undefined;
    }
    try {
      return await this.options.refresher.refreshEntity(entityRef, { entity });
    } catch {
      // Unknown to the catalog (or the catalog is unreachable): nothing to show.
      return undefined;
    }
  }

  /** The SLOs of a group's or system's components, together. */
  async forComponents(
    entityRef: string,
    components: string[],
  ): Promise<EntitySlos> {
    const { store } = this.options;
    if (!components.length) {
      return entitySlos(entityRef, [], new Map(), new Date());
    }
    const [definitions, latest] = await Promise.all([
      store.listDefinitions(components),
      store.listStatuses(components),
    ]);
    return entitySlos(entityRef, definitions, latest, new Date());
  }

  /** Every SLO, worst first, filtered. */
  async overview(filter: SloOverviewFilter): Promise<SloOverview> {
    const { store, tiers } = this.options;
    const [definitions, latest] = await Promise.all([
      store.listDefinitions(),
      store.listStatuses(),
    ]);
    const now = new Date();
    const items = definitions
      .filter(d => !filter.owner || d.owner === filter.owner)
      .filter(d => !filter.system || d.system === filter.system)
      .flatMap(d => currentStatuses(d, latest, now))
      .filter(s => !filter.state || s.state === filter.state)
      .filter(
        s =>
          !filter.tier ||
          s.tier?.name.toLocaleLowerCase('en-US') ===
            filter.tier.toLocaleLowerCase('en-US'),
      )
      .sort(byRemainingBudget);
    return { items, tiers: [...tiers] };
  }

  /**
   * The history of one objective; by default over its current SLO window.
   * Throws NotFoundError for an unknown id.
   */
  async history(
    id: string,
    range: { from?: Date; to?: Date } = {},
  ): Promise<SloHistory> {
    const { store } = this.options;
    const match = /^(.+)\/([^/]+)\/(\d+)$/.exec(id);
    if (!match) {
      throw new NotFoundError(
        `No SLO ${id}: ids look like component:default/checkout/checkout-availability/0`,
      );
    }
    const [, entityRef] = match;
    const [definitions] = await store.listDefinitions([entityRef]);
    const now = new Date();
    const latest = definitions
      ? await store.listStatuses([entityRef])
      : new Map<string, SloStatus>();
    const slo = definitions
      ? currentStatuses(definitions, latest, now).find(s => s.id === id)
      : undefined;
    if (!definitions || !slo) {
      throw new NotFoundError(`No SLO ${id}`);
    }
    const stored = definitions.slos.find(
      s => s.definition.name === slo.sloName,
    )!;
    const to = range.to ?? now;
    const from = range.from ?? new Date(windowOf(stored.definition, to).start);
    if (from.getTime() >= to.getTime()) {
      throw new InputError('Invalid history range: from must be before to');
    }
    const points = await store.getHistory(id, {
      from,
      to,
      maxPoints: MAX_HISTORY_POINTS,
    });
    return {
      slo,
      definitionYaml: stored.yaml,
      points,
      tiers: [...this.options.tiers],
    };
  }

  /** Reads an entity's definitions now; NotFoundError for an unknown entity. */
  async refresh(entityRef: string, actor: string): Promise<EntitySlos> {
    const { store, refresher } = this.options;
    const read = await refresher.refreshEntity(entityRef, { actor });
    const latest = await store.listStatuses([entityRef]);
    return entitySlos(entityRef, read ? [read] : [], latest, new Date());
  }

  /**
   * Checks that a push is for an SLO of the entity that uses the push
   * source: 404 when there is no such SLO, 409 when it uses another source.
   */
  async assertPushTarget(request: SliSamplesRequest): Promise<void> {
    const definitions = await this.definitionsOf(request.entityRef);
    const stored = definitions?.slos.find(
      s => s.definition.name === request.sloName,
    );
    if (!stored) {
      throw new NotFoundError(
        `No SLO named ${request.sloName} is defined for ${request.entityRef}`,
      );
    }
    const type = indicatorSourceType(stored.definition.indicator);
    if (type.trim().toLocaleLowerCase('en-US') !== PUSH_SOURCE_TYPE) {
      throw new ConflictError(
        `SLO ${request.sloName} of ${request.entityRef} reads its SLI from ${type}, not from pushed samples (metricSource.type: push)`,
      );
    }
    const threshold = Boolean(stored.definition.indicator.threshold);
    const index = request.samples.findIndex(
      sample => (sample.value !== undefined) !== threshold,
    );
    if (index >= 0) {
      throw new InputError(
        threshold
          ? `samples[${index}]: SLO ${request.sloName} has a thresholdMetric SLI; post its measured value, not good and total`
          : `samples[${index}]: SLO ${request.sloName} has a ratioMetric SLI; post good and total, not value`,
      );
    }
  }

  /**
   * Stores push samples (replacing posted buckets); answers how many. Check
   * the target first with {@link SloService.assertPushTarget}.
   */
  async pushSamples(
    request: SliSamplesRequest,
    actor: string,
  ): Promise<number> {
    return this.options.store.upsertSamples(
      { entityRef: request.entityRef, sloName: request.sloName },
      request.samples.map(sample => ({
        bucketStart: Date.parse(sample.bucketStart) / 1000,
        bucketSeconds: sample.bucketSeconds ?? 60,
        good: sample.good ?? 0,
        total: sample.total ?? 0,
        ...(sample.value !== undefined ? { value: sample.value } : {}),
      })),
      actor,
    );
  }
}
