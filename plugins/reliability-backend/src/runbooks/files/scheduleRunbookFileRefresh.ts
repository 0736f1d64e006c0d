import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readRunbookRefreshMinutes } from './refreshInterval';
import { retryWhileCatalogEmpty } from '../../scheduling/retryWhileCatalogEmpty';
import { RunbookFileRefresher } from './RunbookFileRefresher';

const TASK_ID = 'reliability-runbooks-refresh';

/**
 * Schedules the refresh of all runbooks: every
 * `reliability.runbooks.refreshInterval` (ten minutes by default), once across
 * replicas, and soon after start. Right after start the catalog may not have
 * ingested its entities yet; while a refresh finds no entity with runbooks,
 * the task is triggered again every 15 seconds for the first ten minutes, so
 * a fresh portal does not show an empty library for a whole interval.
 *
 * @internal
 */
export async function scheduleRunbookFileRefresh(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  refresher: RunbookFileRefresher;
}): Promise<void> {
  const { scheduler, config, logger, refresher } = options;
  const minutes = readRunbookRefreshMinutes(config);
  const retrySoonWhileEmpty = retryWhileCatalogEmpty({
    scheduler,
    taskId: TASK_ID,
    logger,
  });
  await scheduler.scheduleTask({
    id: TASK_ID,
    frequency: { minutes },
    // Short: a run cut off by a database outage keeps its lock until the
    // timeout; 10,000 runbooks are read in about 30 s.
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
    scope: 'global',
    fn: async () => {
      const started = Date.now();
      const summary = await refresher.refreshAll();
      if (summary.entities === 0) {
        retrySoonWhileEmpty();
      }
      logger.info(
        `Refreshed the runbooks of ${summary.entities} entities in ${
          Date.now() - started
        } ms: ${summary.runbooks} runbooks, ${
          summary.parsedFiles
        } files parsed, ${summary.unchanged} unchanged, ${
          summary.problems
        } problems, ${summary.removed} removed, ${summary.failed} failed`,
      );
    },
  });
}
