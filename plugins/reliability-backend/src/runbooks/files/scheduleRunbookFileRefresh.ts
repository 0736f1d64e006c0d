import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readDuration } from '../../config/readDuration';
import { scheduleEntityFileRefresh } from '../../scheduling/scheduleEntityFileRefresh';
import { RunbookFileRefresher } from './RunbookFileRefresher';

/**
 * Schedules the refresh of all runbooks: every
 * `reliability.runbooks.refreshInterval` (ten minutes by default), once across
 * replicas, and soon after start (see `scheduleEntityFileRefresh`).
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
  await scheduleEntityFileRefresh({
    scheduler,
    logger,
    taskId: 'reliability-runbooks-refresh',
    frequency: readDuration(config, 'reliability.runbooks.refreshInterval', {
      minutes: 10,
    }),
    refresh: () => refresher.refreshAll(),
    describe: (summary, ms) =>
      `Refreshed the runbooks of ${summary.entities} entities in ${ms} ms: ${summary.runbooks} runbooks, ${summary.parsedFiles} files parsed, ${summary.unchanged} unchanged, ${summary.problems} problems, ${summary.removed} removed, ${summary.failed} failed`,
  });
}
