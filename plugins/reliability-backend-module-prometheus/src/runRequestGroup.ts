import { LoggerService } from '@backstage/backend-plugin-api';
import { randomBytes } from 'node:crypto';
import {
  FetchFn,
  instantQuery,
  PrometheusQueryError,
  VectorSample,
} from './PrometheusClient';
import { batchExpr, BRANCH_LABEL } from './promql';
import { CycleAnswers, Expression, RequestGroup } from './queryPlan';

/** Longest PromQL text put into one request, in characters. */
const MAX_REQUEST_CHARS = 500_000;

/**
 * Runs the expressions of one group (one instance, one instant) in batches
 * of at most `batchSize`, `concurrency` requests at a time, and records every
 * answer (or error) in `answers`. Answers the number of requests it made.
 *
 * @internal
 */
export async function runRequestGroup(
  group: RequestGroup,
  answers: CycleAnswers,
  options: { logger: LoggerService; fetchFn?: FetchFn; signal?: AbortSignal },
): Promise<number> {
  const { logger, fetchFn, signal } = options;
  const chunks: Expression[][] = [];
  let chunk: Expression[] = [];
  let chars = 0;
  for (const expression of group.exprs.values()) {
    if (
      chunk.length >= group.instance.batchSize ||
      (chunk.length > 0 && chars + expression.text.length > MAX_REQUEST_CHARS)
    ) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(expression);
    chars += expression.text.length + 60;
  }
  if (chunk.length) {
    chunks.push(chunk);
  }

  let requests = 0;
  /**
   * Asks for `entries` in one request. When Prometheus refuses the PromQL,
   * the queries owning the entries (within `owners`) are split in halves
   * and each half asks again for its own entries, until the refused
   * queries stand alone: they get the error, the others their answers.
   */
  const runChunk = async (
    entries: Expression[],
    owners?: ReadonlySet<string>,
  ): Promise<void> => {
    requests += 1;
    try {
      // A key label no query can know in advance.
      const label = `${BRANCH_LABEL}_${randomBytes(8).toString('hex')}`;
      const vector = await instantQuery({
        instance: group.instance,
        query: batchExpr(
          entries.map(entry => entry.text),
          label,
        ),
        timeMs: group.timeMs,
        signal,
        fetchFn: fetchFn,
      });
      const byIndex = branchValues(vector, label, entries.length);
      if (!byIndex) {
        // Every branch is a sum(…) the key is set on, so this takes a query
        // that got out of its sum: treated as refused PromQL, which splits
        // the batch until that query stands alone.
        throw new PrometheusQueryError(
          'query',
          `Prometheus '${group.instance.name}' answered series that no query asked for`,
        );
      }
      entries.forEach((entry, index) => {
        const value = byIndex.get(index);
        answers.values.set(entry.id, {
          value:
            value !== undefined && Number.isFinite(value) ? value : undefined,
        });
      });
    } catch (error) {
      const failure =
        error instanceof PrometheusQueryError
          ? error
          : new PrometheusQueryError(
              'unavailable',
              `Prometheus '${group.instance.name}' could not be asked`,
              `Prometheus '${group.instance.name}' could not be asked: ${error}`,
            );
      if (failure.kind === 'unavailable') {
        logger.warn(failure.detail);
        for (const entry of entries) {
          if (!answers.values.has(entry.id)) {
            answers.values.set(entry.id, { error: failure.message });
          }
        }
        return;
      }
      const involved = [
        ...new Set(
          entries.flatMap(entry =>
            [...entry.owners].filter(key => !owners || owners.has(key)),
          ),
        ),
      ];
      if (involved.length <= 1) {
        for (const key of involved) {
          logger.warn(`${failure.detail}; SLO ${key}`);
          answers.queryErrors.set(key, failure.message);
        }
        return;
      }
      const half = Math.ceil(involved.length / 2);
      for (const part of [involved.slice(0, half), involved.slice(half)]) {
        const subset = new Set(part);
        await runChunk(
          entries.filter(entry =>
            [...entry.owners].some(key => subset.has(key)),
          ),
          subset,
        );
      }
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const entries = chunks[next++];
      await runChunk(entries);
    }
  };
  await Promise.all(
    Array.from(
      { length: Math.min(group.instance.concurrency, chunks.length) },
      worker,
    ),
  );
  return requests;
}

/**
 * The value of each branch of a batch by index, or undefined when the answer
 * holds anything but one label-free series per branch carrying its key.
 */
function branchValues(
  vector: VectorSample[],
  label: string,
  branches: number,
): Map<number, number> | undefined {
  const byIndex = new Map<number, number>();
  for (const sample of vector) {
    const key = sample.labels[label];
    const index = Number(key);
    if (
      Object.keys(sample.labels).length !== 1 ||
      typeof key !== 'string' ||
      !/^\d+$/.test(key) ||
      index >= branches ||
      byIndex.has(index)
    ) {
      return undefined;
    }
    byIndex.set(index, sample.value);
  }
  return byIndex;
}
