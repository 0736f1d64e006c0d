import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';

/** Retry delay while the catalog has no matching entity yet. */
const RETRY_MS = 15_000;
/** How long after start an empty catalog is retried before the interval takes over. */
const RETRY_WINDOW_MS = 10 * 60_000;

/**
 * Right after start the catalog may not have ingested its entities yet, so a
 * scheduled task that reads annotated entities finds none and would wait a
 * whole interval. The returned function, called when a run found nothing,
 * triggers the task again after 15 seconds — during the first ten minutes
 * after start only, so a catalog that really has no such entity costs nothing
 * later. Triggering goes through the scheduler, so the task still runs once
 * across replicas.
 *
 * @internal
 */
export function retryWhileCatalogEmpty(options: {
  scheduler: SchedulerService;
  taskId: string;
  logger: LoggerService;
  now?: () => number;
}): () => void {
  const { scheduler, taskId, logger, now = Date.now } = options;
  const startedAt = now();
  return () => {
    if (now() - startedAt > RETRY_WINDOW_MS) {
      return;
    }
    setTimeout(() => {
      scheduler.triggerTask(taskId).catch(error =>
        // A run already in progress answers with a conflict: nothing to do.
        logger.debug(`Could not trigger ${taskId} again: ${error}`),
      );
    }, RETRY_MS).unref();
  };
}
