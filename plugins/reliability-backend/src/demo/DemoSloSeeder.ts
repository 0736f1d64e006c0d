import { LoggerService } from '@backstage/backend-plugin-api';
import { ErrorBudgetPolicyTier } from '@reliability-hub/plugin-reliability-common';
import { backfillHistory } from '../slo/evaluation/backfillHistory';
import { SloEvaluator } from '../slo/evaluation/SloEvaluator';
import { InMemorySampleSource } from '../slo/push/InMemorySampleSource';
import { EntitySloDefinitions, SloStore } from '../slo/store/SloStore';
import {
  DEMO_BUCKET_SECONDS,
  DEMO_SAMPLE_DAYS,
  DEMO_SLO_SERIES,
  DemoSloSeries,
  demoSamples,
} from './demoSliSamples';

const DAY_SECONDS = 24 * 60 * 60;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The SLO part of the demo: 30 days of push samples for the Acme Shop SLOs,
 * kept current up to now, and an hourly history rebuilt from them so the
 * charts have data at once.
 *
 * @internal
 */
export class DemoSloSeeder {
  static create(options: {
    store: SloStore;
    tiers: readonly ErrorBudgetPolicyTier[];
    logger: LoggerService;
    evaluator?: SloEvaluator;
    series?: readonly DemoSloSeries[];
  }) {
    return new DemoSloSeeder(options);
  }

  private constructor(
    private readonly options: {
      store: SloStore;
      tiers: readonly ErrorBudgetPolicyTier[];
      logger: LoggerService;
      evaluator?: SloEvaluator;
      series?: readonly DemoSloSeries[];
    },
  ) {}

  private get series() {
    return this.options.series ?? DEMO_SLO_SERIES;
  }

  /**
   * Adds the samples missing between the latest stored bucket (or 30 days
   * ago) and now; answers how many buckets were added. Idempotent. Limited
   * to one entity's SLOs, or to SLOs that already have samples.
   */
  async topUp(
    now: Date = new Date(),
    options: { entityRef?: string; existingOnly?: boolean } = {},
  ): Promise<number> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    // Only whole buckets: the current one is still filling.
    const to =
      Math.floor(nowSeconds / DEMO_BUCKET_SECONDS) * DEMO_BUCKET_SECONDS;
    let added = 0;
    for (const series of this.series) {
      if (options.entityRef && series.entityRef !== options.entityRef) {
        continue;
      }
      const target = { entityRef: series.entityRef, sloName: series.sloName };
      const latest = await this.options.store.latestSampleStart(target);
      if (latest === undefined && options.existingOnly) {
        continue;
      }
      const from = Math.max(
        latest === undefined ? 0 : latest + DEMO_BUCKET_SECONDS,
        to - DEMO_SAMPLE_DAYS * DAY_SECONDS,
      );
      if (from >= to) {
        continue;
      }
      const samples = demoSamples(series, { from, to, now: nowSeconds });
      added += await this.options.store.upsertSamples(target, samples);
    }
    return added;
  }

  /**
   * After an entity's definitions were read: brings its demo samples up to
   * date, rebuilds an hourly history for objectives without one, and
   * evaluates them at once so the portal shows figures immediately.
   */
  async afterDefinitionsRead(
    entity: EntitySloDefinitions,
    now: Date = new Date(),
  ): Promise<void> {
    const { store, tiers, evaluator, logger } = this.options;
    const series = this.series.filter(s => s.entityRef === entity.entityRef);
    if (!series.length || !entity.slos.length) {
      return;
    }
    await this.topUp(now, { entityRef: entity.entityRef });
    const source = new InMemorySampleSource();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    for (const s of series) {
      const target = { entityRef: s.entityRef, sloName: s.sloName };
      source.add(
        target,
        await store.listSamples(target, {
          from: nowSeconds - (DEMO_SAMPLE_DAYS + 1) * DAY_SECONDS,
          end: nowSeconds + 1,
        }),
      );
    }
    const to = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const written = await backfillHistory({
      store,
      entity,
      source,
      tiers,
      from: new Date(to.getTime() - DEMO_SAMPLE_DAYS * 24 * HOUR_MS),
      to,
      stepMs: HOUR_MS,
    });
    if (written && evaluator) {
      await evaluator.runCycle({ now, entityRefs: [entity.entityRef] });
    }
    if (written) {
      logger.info(
        `Demo data: rebuilt ${written} hourly SLO history points of ${entity.entityRef}`,
      );
    }
  }
}
