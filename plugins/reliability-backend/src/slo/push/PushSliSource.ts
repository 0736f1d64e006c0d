import {
  SliCounts,
  SliQuery,
  SliQueryResult,
  SliSource,
} from '@reliability-hub/plugin-reliability-node';
import { isGoodTimeSlice } from '@reliability-hub/plugin-reliability-common';
import { yieldToLoop } from '../../database/yieldToLoop';
import { SloStore } from '../store/SloStore';

/** Time-slice SLOs read between yields to the event loop. */
const QUERIES_PER_YIELD = 10;

/**
 * Occurrences SLOs whose windows the store sums at once: on PostgreSQL in one
 * query each from the hourly roll-up and the edges, a quarter of the backend's
 * CPU of one query per SLO and fewer round trips (`bench/push-evaluation`);
 * SQLite sums them one by one.
 */
const SUMS_PER_QUERY = 25;

/** The good and total of some queries, or an error for each. */
type Answers = Map<string, SliQueryResult>;

/** What Occurrences queries that are summed together share. */
function sumsKey(query: SliQuery): string {
  return JSON.stringify([
    query.end.getTime(),
    query.windows.map(window => [window.name, window.seconds]),
    query.threshold ? [query.threshold.op, query.threshold.value] : null,
  ]);
}

/**
 * The OpenSLO `metricSource.type` of the built-in push source.
 *
 * @internal
 */
export const PUSH_SOURCE_TYPE = 'push';

/**
 * The built-in SLI source: good and total counts that services post to
 * `POST /sli-samples`, stored per time bucket in the plugin's database.
 * Events are summed over each window; for Timeslices, the buckets are grouped
 * into slices and a slice is good when its ratio reaches the slice target.
 * A threshold SLI posts one value per bucket instead: each bucket is a data
 * point, good when its value meets the threshold, and a slice is good when
 * every bucket in it is.
 *
 * @internal
 */
export class PushSliSource implements SliSource {
  readonly type = PUSH_SOURCE_TYPE;

  static create(options: { store: SloStore }) {
    return new PushSliSource(options.store);
  }

  private constructor(private readonly store: SloStore) {}

  async query(
    queries: SliQuery[],
    options?: { signal?: AbortSignal },
  ): Promise<SliQueryResult[]> {
    const answers: Answers = new Map();
    const timedOut = (query: SliQuery) =>
      answers.set(query.key, {
        key: query.key,
        error: 'the evaluation timed out before this SLO was read',
      });
    const failed = (query: SliQuery, error: unknown) =>
      answers.set(query.key, {
        key: query.key,
        error: `reading push samples failed: ${(error as Error).message}`,
      });

    const occurrences = new Map<string, SliQuery[]>();
    const timeSlices: SliQuery[] = [];
    for (const query of queries) {
      if (query.timeSlices) {
        timeSlices.push(query);
      } else {
        const key = sumsKey(query);
        const group = occurrences.get(key);
        if (group) {
          group.push(query);
        } else {
          occurrences.set(key, [query]);
        }
      }
    }

    for (const group of occurrences.values()) {
      for (let i = 0; i < group.length; i += SUMS_PER_QUERY) {
        const chunk = group.slice(i, i + SUMS_PER_QUERY);
        if (options?.signal?.aborted) {
          chunk.forEach(timedOut);
          continue;
        }
        try {
          await this.sumOccurrences(chunk, answers);
        } catch (error) {
          chunk.forEach(query => failed(query, error));
        }
        // On SQLite the queries never reach the loop: let others in.
        await yieldToLoop();
      }
    }

    for (const [index, query] of timeSlices.entries()) {
      if (index % QUERIES_PER_YIELD === QUERIES_PER_YIELD - 1) {
        await yieldToLoop();
      }
      if (options?.signal?.aborted) {
        timedOut(query);
        continue;
      }
      try {
        answers.set(query.key, {
          key: query.key,
          windows: await this.sliceAnswer(query),
        });
      } catch (error) {
        failed(query, error);
      }
    }
    return queries.map(query => answers.get(query.key)!);
  }

  /** Occurrences queries that share their windows and threshold, summed at once. */
  private async sumOccurrences(queries: SliQuery[], answers: Answers) {
    const [{ end, windows, threshold }] = queries;
    const sums = await this.store.sumSamples(
      queries.map(query => ({
        entityRef: query.entityRef,
        sloName: query.sloName,
      })),
      Math.floor(end.getTime() / 1000),
      windows,
      threshold && { op: threshold.op, value: threshold.value },
    );
    queries.forEach((query, i) =>
      answers.set(query.key, { key: query.key, windows: sums[i] }),
    );
  }

  /** A Timeslices query: its slices summed, then counted per window. */
  private async sliceAnswer(
    query: SliQuery,
  ): Promise<Record<string, SliCounts | null>> {
    const timeSlices = query.timeSlices!;
    const end = Math.floor(query.end.getTime() / 1000);
    const target = { entityRef: query.entityRef, sloName: query.sloName };
    const threshold = query.threshold && {
      op: query.threshold.op,
      value: query.threshold.value,
    };
    const { seconds } = timeSlices;
    // A threshold slice is good when all of its buckets are.
    const sliceTarget = threshold ? 1 : timeSlices.target;
    const longest = Math.max(...query.windows.map(window => window.seconds));
    const slices = await this.store.sliceSums(
      target,
      { from: end - longest - seconds, end, sliceSeconds: seconds },
      threshold,
    );
    return Object.fromEntries(
      query.windows.map(window => {
        // Slices overlapping the window count, as buckets do for events.
        const inWindow = slices.filter(
          slice =>
            slice.sliceStart + seconds > end - window.seconds &&
            // A threshold slice without a value has no data point.
            !(threshold && slice.total === 0),
        );
        if (!inWindow.length) {
          return [window.name, null];
        }
        const good = inWindow.filter(slice =>
          isGoodTimeSlice(
            { good: Math.min(slice.good, slice.total), total: slice.total },
            sliceTarget,
          ),
        ).length;
        return [window.name, { good, total: inWindow.length }];
      }),
    );
  }
}
