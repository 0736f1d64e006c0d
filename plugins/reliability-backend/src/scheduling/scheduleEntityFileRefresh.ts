import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';
import { retryWhileCatalogEmpty } from './retryWhileCatalogEmpty';

/**
 * Schedules the refresh of the files every annotated entity names (OpenSLO
 * definitions, runbooks): every `frequency`, once across replicas, and soon
 * after start. Right after start the catalog may not have ingested its
 * entities yet; while a refresh finds no entity, it runs again every 15
 * seconds for the first ten minutes (see `retryWhileCatalogEmpty`), so a fresh
 * portal does not stay empty for a whole interval.
 *
 * @internal
 */
export async function scheduleEntityFileRefresh<
  T extends { entities: number },
>(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  taskId: string;
  frequency: HumanDuration;
  refresh: () => Promise<T>;
  /** The log line of a refresh that took `ms` milliseconds. */
  describe: (summary: T, ms: number) => string;
}): Promise<void> {
  const { scheduler, logger, taskId, refresh, describe } = options;
  const retrySoonWhileEmpty = retryWhileCatalogEmpty({
    scheduler,
    taskId,
    logger,
  });
  await scheduler.scheduleTask({
    id: taskId,
    frequency: options.frequency,
    // Short: a run cut off by a database outage keeps its lock until the
    // timeout; 10,000 runbooks are read in about 30 s.
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
    scope: 'global',
    fn: async () => {
      const started = Date.now();
      const summary = await refresh();
      if (summary.entities === 0) {
        retrySoonWhileEmpty();
      }
      logger.info(describe(summary, Date.now() - started));
    },
  });
}
