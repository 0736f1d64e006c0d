import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_OPENSLO,
  compareSloWorstFirstKeys,
  sloWorstFirstKey,
  EntitySlos,
  ErrorBudgetPolicyTier,
  SliSamplesRequest,
  SloHistory,
  SloOverview,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import { CallerVisibility } from '../access/EntityVisibility';
import { yieldToLoop } from '../database/yieldToLoop';
import { overviewPage, RankedSlo, SloOverviewFilter } from './overviewPage';
import { indicatorSourceType, SloDefinition } from './parse';
import { PUSH_SOURCE_TYPE } from './push/PushSliSource';
import { SloFileRefresher } from './files/SloFileRefresher';
import { currentStatuses, windowOf } from './sloStatus';
import { EntitySloDefinitions, SloStore } from './store/SloStore';

/** Points a history answers at most: a 28-day chart stays light. */
export const MAX_HISTORY_POINTS = 500;

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

/** Entities whose statuses are made per yield when the overview is sorted. */
const SORT_CHUNK = 100;

/**
 * How long a sorted overview serves without a change to the definitions or
 * evaluations: a calendar window's pending budget follows the clock.
 */
const SORTED_MAX_AGE_MS = 60_000;

/**
 * Every objective worst first, as of the definitions and statuses it was
 * made from.
 */
interface SortedOverview {
  ranked: RankedSlo[];
  entityRefs: string[];
}

/**
 * Whether two lists of definitions give the same objectives: the same
 * entities, owners, systems and parsed SLOs. A refresh that found the same
 * files moves only read times and ETags, which the overview does not show.
 */
function sameObjectives(
  a: EntitySloDefinitions[],
  b: EntitySloDefinitions[],
): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every(
        (entity, i) =>
          entity.entityRef === b[i].entityRef &&
          entity.slos === b[i].slos &&
          entity.owner === b[i].owner &&
          entity.system === b[i].system,
      ))
  );
}

/**
 * Of the overview's entities, whether the caller may see each: everyone
 * when the policy lets the caller read the whole catalog, else those the
 * catalog answers for the caller.
 */
async function visibleEntities(
  caller: CallerVisibility,
  entityRefs: string[],
): Promise<(entityRef: string) => boolean> {
  if (await caller.readsWholeCatalog()) {
    return () => true;
  }
  const visible = await caller.refs(entityRefs);
  return entityRef => visible.has(entityRef);
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

  private sorted?: {
    definitions: EntitySloDefinitions[];
    latest: Map<string, SloStatus>;
    startedAt: number;
    done: Promise<SortedOverview>;
  };
  /** The last overview made, answered while the next one is made. */
  private lastSorted?: SortedOverview;

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

  /**
   * One page of the SLOs the caller may see, worst first, filtered, with the
   * counts over all that match. The sorted list is made once per change of
   * the definitions or evaluations and shared by every caller; who sees what
   * is decided per caller.
   */
  async overview(
    filter: SloOverviewFilter,
    caller: CallerVisibility,
  ): Promise<SloOverview> {
    const sorted = await this.sortedOverview();
    const visible = await visibleEntities(caller, sorted.entityRefs);
    return overviewPage(sorted.ranked, filter, visible, this.options.tiers);
  }

  /**
   * Every objective worst first, made again when its inputs changed (the
   * store answers the same lists until then, and parsed definitions kept
   * across a refresh that found the same files) or aged, once: the caller who
   * finds it out of date waits while it is made (many turns of the event
   * loop), callers meanwhile get the last one made.
   */
  private async sortedOverview(): Promise<SortedOverview> {
    const { store } = this.options;
    const [definitions, latest] = await Promise.all([
      store.listDefinitions(),
      store.listStatuses(),
    ]);
    const current = this.sorted;
    if (
      current &&
      sameObjectives(current.definitions, definitions) &&
      current.latest === latest &&
      Date.now() - current.startedAt < SORTED_MAX_AGE_MS
    ) {
      // The store's new list after a read-time change: compared by identity
      // from now on.
      current.definitions = definitions;
      return this.lastSorted ?? current.done;
    }
    const entry = {
      definitions,
      latest,
      startedAt: Date.now(),
      done: this.sortOverview(definitions, latest),
    };
    this.sorted = entry;
    entry.done.then(
      sorted => {
        if (this.sorted === entry) {
          this.lastSorted = sorted;
        }
      },
      () => {
        if (this.sorted === entry) {
          this.sorted = undefined;
        }
      },
    );
    return entry.done;
  }

  private async sortOverview(
    definitions: EntitySloDefinitions[],
    latest: Map<string, SloStatus>,
  ): Promise<SortedOverview> {
    const now = new Date();
    const ranked: RankedSlo[] = [];
    for (let i = 0; i < definitions.length; i += SORT_CHUNK) {
      for (const entity of definitions.slice(i, i + SORT_CHUNK)) {
        for (const slo of currentStatuses(entity, latest, now)) {
          ranked.push({ slo, key: sloWorstFirstKey(slo) });
        }
      }
      await yieldToLoop();
    }
    ranked.sort((a, b) => compareSloWorstFirstKeys(a.key, b.key));
    return {
      ranked,
      entityRefs: definitions.map(entity => entity.entityRef),
    };
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
