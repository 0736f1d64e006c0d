import {
  AuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import { SliSourceRegistry } from '@reliability-hub/plugin-reliability-node';
import { Knex } from 'knex';
import { DemoSloSeeder } from '../demo/DemoSloSeeder';
import { ReliabilityNotifier } from '../notifications/ReliabilityNotifier';
import { PolicyTierChanges } from './evaluation/PolicyTierChanges';
import { SloEvaluator } from './evaluation/SloEvaluator';
import { PushSliSource } from './push/PushSliSource';
import { SloFileRefresher } from './files/SloFileRefresher';
import { readSloConfig } from './sloConfig';
import { SloService } from './SloService';
import { DatabaseSloStore } from './store/DatabaseSloStore';
import { SloStore } from './store/SloStore';
import { scheduleEntityFileRefresh } from '../scheduling/scheduleEntityFileRefresh';

/**
 * The SLO feature, wired: what the router and the demo seeder need.
 *
 * @internal
 */
export interface SloFeature {
  store: SloStore;
  service: SloService;
  evaluator: SloEvaluator;
  refresher: SloFileRefresher;
  /** The demo part, when demo data is on. */
  demo?: DemoSloSeeder;
}

/**
 * Creates the SLO store, sources, file refresher and evaluator, and schedules the
 * definition refresh and the evaluation (each runs on one replica at a time).
 *
 * @internal
 */
export async function setupSlos(options: {
  knex: Knex;
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
  urlReader: UrlReaderService;
  scheduler: SchedulerService;
  logger: LoggerService;
  sliSources: SliSourceRegistry;
  notifier: ReliabilityNotifier;
  demoData: boolean;
}): Promise<SloFeature> {
  const { knex, config, catalog, auth, urlReader, scheduler, logger } = options;
  const sloConfig = readSloConfig(config);
  const store = DatabaseSloStore.create({ knex });

  // Other sources (Prometheus) come from modules, through the extension point.
  options.sliSources.add(PushSliSource.create({ store }));

  const evaluator = SloEvaluator.create({
    store,
    sources: options.sliSources,
    tiers: sloConfig.tiers,
    timeoutMs: sloConfig.evaluationTimeoutMs,
    logger,
    tierChanges: PolicyTierChanges.create({
      knex,
      notifier: options.notifier,
      logger,
    }),
  });
  const demo = options.demoData
    ? DemoSloSeeder.create({
        store,
        tiers: sloConfig.tiers,
        logger,
        evaluator,
      })
    : undefined;
  const refresher = SloFileRefresher.create({
    store,
    catalog,
    auth,
    urlReader,
    logger,
    afterSave: demo
      ? definitions => demo.afterDefinitionsRead(definitions)
      : undefined,
  });

  await scheduleEntityFileRefresh({
    scheduler,
    logger,
    taskId: 'reliability-slo-definitions-refresh',
    frequency: sloConfig.refreshInterval,
    refresh: () => refresher.refreshAll(),
    describe: ({ entities }) =>
      `Read the OpenSLO definitions of ${entities} entities`,
  });
  await scheduler.scheduleTask({
    id: 'reliability-slo-evaluation',
    frequency: sloConfig.evaluationInterval,
    timeout: {
      milliseconds: Math.max(
        durationToMilliseconds(sloConfig.evaluationInterval),
        sloConfig.evaluationTimeoutMs * 2,
      ),
    },
    fn: async () => {
      // Keeps the demo's samples current; the first 30 days are written when
      // a demo entity's definitions are read.
      await demo?.topUp(new Date(), { existingOnly: true });
      await evaluator.runCycle();
    },
  });

  return {
    store,
    evaluator,
    refresher,
    demo,
    service: SloService.create({ store, refresher, tiers: sloConfig.tiers }),
  };
}
