import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ErrorBudgetPolicyTier,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import {
  SliQueryResult,
  SliSource,
  SliSourceRegistry,
} from '@reliability-hub/plugin-reliability-node';
import { yieldToLoop } from '../../database/yieldToLoop';
import { SloStore } from '../store/SloStore';
import { computeSloStatus } from './computeSloStatus';
import { PolicyTierChanges } from './PolicyTierChanges';
import { evaluationItems, SloEvaluationItem } from './sloQueries';

/** Entities whose objectives are listed between yields to the loop. */
const ENTITY_CHUNK = 100;

/** Objectives whose statuses are computed between yields to the loop. */
const COMPUTE_CHUNK = 200;

/** How long the history is kept. */
const HISTORY_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * How much longer than the longest window an evaluation reads pushed samples
 * are kept: buckets and slices reach back before a window's start.
 */
const SAMPLE_MARGIN_SECONDS = 7 * 24 * 60 * 60;

/**
 * How long a source may take, once its time is up and its signal aborted, to
 * answer what it has read so far.
 */
const ABORT_GRACE_MS = 1000;

/** Resolves to `undefined` after `ms`; the timer can be cleared. */
function timeUp(ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<undefined>(resolve => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return { done, clear: () => clearTimeout(timer) };
}

/**
 * Asks one source for a batch, giving up after `timeoutMs`. Then the source's
 * signal aborts, and a source that answers at once keeps what it read: the
 * objectives it did not get to are answered as timed out, the rest as read.
 * A failure, or no answer within a second of the abort, becomes an error
 * answer for every query of the batch. What the source threw goes to the log
 * only: it may name internal hosts.
 */
async function queryWithTimeout(
  source: SliSource,
  items: SloEvaluationItem[],
  timeoutMs: number,
  logger: LoggerService,
): Promise<Map<string, SliQueryResult>> {
  const controller = new AbortController();
  const lateMessage = `the ${source.type} source did not answer within ${
    timeoutMs / 1000
  } s`;
  const answered = (results: SliQueryResult[]) =>
    new Map(results.map(result => [result.key, result]));
  const failed = (message: string) =>
    new Map(
      items.map(item => [
        item.query.key,
        { key: item.query.key, error: message },
      ]),
    );
  const query = source.query(
    items.map(item => item.query),
    { signal: controller.signal },
  );
  const deadline = timeUp(timeoutMs);
  const grace = timeUp(timeoutMs + ABORT_GRACE_MS);
  try {
    const inTime = await Promise.race([query, deadline.done]);
    if (inTime) {
      return answered(inTime);
    }
    controller.abort();
    const partial = await Promise.race([query, grace.done]);
    if (!partial) {
      logger.warn(
        `The ${source.type} SLI source failed for ${items.length} SLOs: ${lateMessage}`,
      );
      return failed(lateMessage);
    }
    const keys = new Set(partial.map(result => result.key));
    const unanswered = items.filter(item => !keys.has(item.query.key));
    logger.warn(
      `The ${source.type} SLI source did not answer within ${
        timeoutMs / 1000
      } s: ${partial.filter(result => 'windows' in result).length} of ${
        items.length
      } SLOs read, the rest answered as timed out`,
    );
    return answered([
      ...partial,
      ...unanswered.map(item => ({ key: item.query.key, error: lateMessage })),
    ]);
  } catch (error) {
    logger.warn(
      `The ${source.type} SLI source failed for ${items.length} SLOs: ${error}`,
    );
    return failed(
      controller.signal.aborted
        ? lateMessage
        : `the ${source.type} source failed`,
    );
  } finally {
    deadline.clear();
    grace.clear();
  }
}

/**
 * Evaluates SLOs: asks each SLI source once per cycle for all of its SLOs,
 * computes every figure with the common SLO math and stores one snapshot per
 * objective. Entity pages read those snapshots and never wait on a source.
 *
 * @internal
 */
export class SloEvaluator {
  static create(options: {
    store: SloStore;
    sources: SliSourceRegistry;
    tiers: readonly ErrorBudgetPolicyTier[];
    timeoutMs: number;
    logger: LoggerService;
    /** Tells owners when an objective's error-budget policy tier changes. */
    tierChanges?: PolicyTierChanges;
  }) {
    return new SloEvaluator(options);
  }

  private constructor(
    private readonly options: {
      store: SloStore;
      sources: SliSourceRegistry;
      tiers: readonly ErrorBudgetPolicyTier[];
      timeoutMs: number;
      logger: LoggerService;
      tierChanges?: PolicyTierChanges;
    },
  ) {}

  /**
   * One evaluation cycle: evaluates every stored SLO (or those of
   * `entityRefs`) at `now`, stores and answers the statuses.
   */
  async runCycle(
    options: { now?: Date; entityRefs?: string[] } = {},
  ): Promise<SloStatus[]> {
    const now = options.now ?? new Date();
    const { store, sources, timeoutMs, logger } = this.options;
    const entities = await store.listDefinitions(options.entityRefs);
    const items: SloEvaluationItem[] = [];
    for (let i = 0; i < entities.length; i += ENTITY_CHUNK) {
      items.push(...evaluationItems(entities.slice(i, i + ENTITY_CHUNK), now));
      await yieldToLoop();
    }

    const bySource = new Map<string, SloEvaluationItem[]>();
    for (const item of items) {
      const key = item.sourceType.trim().toLocaleLowerCase('en-US');
      const batch = bySource.get(key);
      if (batch) {
        batch.push(item);
      } else {
        bySource.set(key, [item]);
      }
    }
    const answers = new Map<string, SliQueryResult>();
    await Promise.all(
      [...bySource.values()].map(async batch => {
        const source = sources.get(batch[0].sourceType);
        if (!source) {
          const known = sources.types().join(', ') || 'none';
          for (const item of batch) {
            answers.set(item.query.key, {
              key: item.query.key,
              error: `No SLI source of type '${item.sourceType}' is installed (installed: ${known})`,
            });
          }
          return;
        }
        const results = await queryWithTimeout(
          source,
          batch,
          timeoutMs,
          logger,
        );
        for (const [key, result] of results) {
          answers.set(key, result);
        }
      }),
    );

    const statuses: SloStatus[] = [];
    for (let i = 0; i < items.length; i += COMPUTE_CHUNK) {
      for (const item of items.slice(i, i + COMPUTE_CHUNK)) {
        statuses.push(this.statusOf(item, answers, now));
      }
      await yieldToLoop();
    }
    await store.writeEvaluations(statuses);
    try {
      await this.options.tierChanges?.observe(statuses);
    } catch (error) {
      // The figures are stored; a change not told now is told next cycle.
      logger.warn(`Could not record the error-budget policy tiers: ${error}`);
    }
    if (!options.entityRefs) {
      await store.pruneHistory(new Date(now.getTime() - HISTORY_RETENTION_MS));
      if (items.length) {
        // Pushed samples no window of any SLO reads any more.
        const longest = Math.max(
          ...items.flatMap(item => item.query.windows.map(w => w.seconds)),
        );
        await store.pruneSamples(
          now.getTime() / 1000 - longest - SAMPLE_MARGIN_SECONDS,
        );
      }
    }
    const unavailable = statuses.filter(
      status => status.state === 'source-unavailable',
    ).length;
    logger.debug(
      `Evaluated ${statuses.length} SLO objectives, ${unavailable} with the source unavailable`,
    );
    return statuses;
  }

  /** The status of one objective from its source's answer. */
  private statusOf(
    item: SloEvaluationItem,
    answers: Map<string, SliQueryResult>,
    now: Date,
  ): SloStatus {
    const { tiers, logger } = this.options;
    const answer = answers.get(item.query.key) ?? {
      key: item.query.key,
      error: `the ${item.sourceType} source gave no answer for this SLO`,
    };
    try {
      return computeSloStatus(item.base, answer, {
        now,
        window: item.window,
        tiers,
      });
    } catch (error) {
      logger.warn(
        `The ${item.sourceType} answer for ${item.query.key} is unusable: ${error}`,
      );
      return computeSloStatus(
        item.base,
        { error: `the ${item.sourceType} source's answer is unusable` },
        { now, window: item.window, tiers },
      );
    }
  }
}
