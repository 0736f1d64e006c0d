import {
  SliCounts,
  SliQuery,
  SliQueryResult,
  SliSource,
} from '@reliability-hub/plugin-reliability-node';
import { isGoodTimeSlice } from '@reliability-hub/plugin-reliability-common';
import { yieldToLoop } from '../../database/yieldToLoop';
import { SloStore } from '../store/SloStore';

/** SLOs read between yields to the event loop. */
const QUERIES_PER_YIELD = 10;

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
    const results: SliQueryResult[] = [];
    for (const [index, query] of queries.entries()) {
      if (index % QUERIES_PER_YIELD === QUERIES_PER_YIELD - 1) {
        // On SQLite the queries never reach the loop: let others in.
        await yieldToLoop();
      }
      if (options?.signal?.aborted) {
        results.push({
          key: query.key,
          error: 'the evaluation timed out before this SLO was read',
        });
        continue;
      }
      try {
        results.push({ key: query.key, windows: await this.answer(query) });
      } catch (error) {
        results.push({
          key: query.key,
          error: `reading push samples failed: ${(error as Error).message}`,
        });
      }
    }
    return results;
  }

  private async answer(
    query: SliQuery,
  ): Promise<Record<string, SliCounts | null>> {
    const end = Math.floor(query.end.getTime() / 1000);
    const target = { entityRef: query.entityRef, sloName: query.sloName };
    const threshold = query.threshold && {
      op: query.threshold.op,
      value: query.threshold.value,
    };
    if (!query.timeSlices) {
      return this.store.sumSamples(target, end, query.windows, threshold);
    }
    const { seconds } = query.timeSlices;
    // A threshold slice is good when all of its buckets are.
    const sliceTarget = threshold ? 1 : query.timeSlices.target;
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
