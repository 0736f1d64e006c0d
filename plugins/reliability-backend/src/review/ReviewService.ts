import {
  ErrorBudgetPolicyTier,
  previousReviewPeriod,
  ReliabilityReview,
  ReviewPeriod,
} from '@reliability-hub/plugin-reliability-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { CallerVisibility, withinScope } from '../access/EntityVisibility';
import { EntityFilter } from '../database/entityFilter';
import { componentsOf } from '../summary/componentsOf';
import { PostmortemDueHours } from './postmortemDue';
import { AnswerCache, answerCacheKey } from '../caching/AnswerCache';
import { readReviewFigures } from './readReviewFigures';
import { readReviewTrend } from './readReviewTrend';

/** The tables whose records a review counts, each keyed by entity_ref. */
const RECORD_TABLES = [
  'incidents',
  'postmortems',
  'action_items',
  'slo_status',
];

/**
 * The reliability review of a group, a system or the organisation: the
 * figures of a period beside the previous period's, as far as the caller
 * may see in the catalog. A review is computed once a minute for everyone
 * who would see the same records (see {@link AnswerCache}).
 *
 * @internal
 */
export class ReviewService {
  static create(options: {
    knex: Knex;
    catalog: CatalogService;
    severityOrder: string[];
    tiers: readonly ErrorBudgetPolicyTier[];
    postmortemDueHours: PostmortemDueHours;
    freshForMs?: number;
    clock?: () => number;
  }) {
    return new ReviewService(options);
  }

  private readonly cache: AnswerCache<ReliabilityReview>;

  private constructor(
    private readonly options: {
      knex: Knex;
      catalog: CatalogService;
      severityOrder: string[];
      tiers: readonly ErrorBudgetPolicyTier[];
      postmortemDueHours: PostmortemDueHours;
      /** How long a computed review is served again; a minute by default. */
      freshForMs?: number;
      clock?: () => number;
    },
  ) {
    this.cache = new AnswerCache({
      ttlMs: options.freshForMs ?? 60_000,
      maxEntries: 500,
      now: options.clock,
    });
  }

  async review(
    request: { entityRef?: string; period: ReviewPeriod; now: Date },
    visible: CallerVisibility,
  ): Promise<ReliabilityReview> {
    const { entities, componentCount } = await this.entitiesOf(
      request.entityRef,
      visible,
    );
    const { entityRef, period } = request;
    const key = answerCacheKey([
      entityRef ?? null,
      period.kind,
      period.start,
      period.end,
      [...(entities.entityRefs ?? [])].sort(),
      [...(entities.excludeEntityRefs ?? [])].sort(),
      entities.entityRefs === undefined,
    ]);
    return this.cache.get(key, () =>
      this.compute(request, entities, componentCount),
    );
  }

  private async compute(
    request: { entityRef?: string; period: ReviewPeriod; now: Date },
    entities: EntityFilter,
    componentCount: number | null,
  ): Promise<ReliabilityReview> {
    const { knex } = this.options;
    const queryOptions = { ...this.options, now: request.now };
    const [current, previous, trend] = await Promise.all([
      readReviewFigures(knex, request.period, entities, queryOptions),
      readReviewFigures(
        knex,
        previousReviewPeriod(request.period),
        entities,
        queryOptions,
      ),
      readReviewTrend(knex, request.period, entities, queryOptions),
    ]);
    return {
      ...(request.entityRef ? { entityRef: request.entityRef } : {}),
      componentCount,
      current,
      previous,
      trend,
      generatedAt: request.now.toISOString(),
    };
  }

  /**
   * Whose records count: the visible components of a group or system (404
   * for one the caller cannot see); for the organisation, every record when
   * the caller may read the whole catalog, else those of every entity with
   * records but those the caller may not see.
   */
  private async entitiesOf(
    entityRef: string | undefined,
    visible: CallerVisibility,
  ): Promise<{ entities: EntityFilter; componentCount: number | null }> {
    if (entityRef) {
      await visible.assertEntity(entityRef);
      const components =
        (await componentsOf(entityRef, {
          catalog: this.options.catalog,
          credentials: visible.credentials,
        })) ?? [];
      return {
        entities: { entityRefs: components },
        componentCount: components.length,
      };
    }
    // Every record counts, also those of components since removed from the
    // catalog: they are part of the organisation's history, and reading
    // the whole catalog's list of entities would cost more than the review.
    if (await visible.readsWholeCatalog()) {
      return { entities: {}, componentCount: null };
    }
    const { knex } = this.options;
    const refs = await Promise.all(
      RECORD_TABLES.map(table => knex(table).distinct('entity_ref')),
    );
    const all = refs.flat().map(row => String(row.entity_ref));
    return {
      entities: withinScope({}, await visible.scope(all)),
      componentCount: null,
    };
  }
}
