import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readRunbookRefreshMinutes } from './refreshInterval';
import { RunbookRefresher } from './RunbookRefresher';

/**
 * Schedules the refresh of all runbooks: every
 * `reliability.runbooks.refreshInterval` (ten minutes by default), once across
 * replicas, and soon after start.
 *
 * @internal
 */
export async function scheduleRunbookRefresh(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  refresher: RunbookRefresher;
}): Promise<void> {
  const { scheduler, config, logger, refresher } = options;
  const minutes = readRunbookRefreshMinutes(config);
  await scheduler.scheduleTask({
    id: 'reliability-runbooks-refresh',
    frequency: { minutes },
    timeout: { minutes: Math.max(10, minutes * 2) },
    initialDelay: { seconds: 5 },
    scope: 'global',
    fn: async () => {
      const started = Date.now();
      const summary = await refresher.refreshAll();
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
