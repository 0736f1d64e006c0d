import {
  SliCounts,
  SliQuery,
  SliQueryResult,
  SliSource,
} from '@reliability-hub/plugin-reliability-node';
import {
  isGoodTimeSlice,
  meetsThreshold,
} from '@reliability-hub/plugin-reliability-common';
import { StoredSliSample } from '../store/SloStore';
import { PUSH_SOURCE_TYPE } from './PushSliSource';

interface Series {
  /** Bucket starts (epoch seconds), ascending, with prefix sums. */
  starts: number[];
  good: number[];
  total: number[];
  samples: StoredSliSample[];
  /** Slice starts and prefix counts of good slices, by slice length and target. */
  slices: Map<string, { starts: number[]; good: number[] }>;
}

/** Prefix sums of samples sorted by bucket start. */
function seriesOf(samples: StoredSliSample[]): Series {
  const good = [0];
  const total = [0];
  for (const sample of samples) {
    good.push(good[good.length - 1] + sample.good);
    total.push(total[total.length - 1] + sample.total);
  }
  return {
    starts: samples.map(sample => sample.bucketStart),
    good,
    total,
    samples,
    slices: new Map(),
  };
}

/** Index of the first start ≥ value. */
function lowerBound(values: number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * The push source's answers computed in memory from samples already loaded,
 * with prefix sums: answering many past instants (to rebuild a history)
 * costs no database round trip per instant. Answers like
 * {@link PushSliSource}, for instants on slice boundaries (a slice that
 * straddles the instant counts whole).
 *
 * @internal
 */
export class InMemorySampleSource implements SliSource {
  readonly type = PUSH_SOURCE_TYPE;
  readonly #series = new Map<string, Series>();

  /** Adds the samples (sorted by bucket start) of one SLO. */
  add(
    target: { entityRef: string; sloName: string },
    samples: StoredSliSample[],
  ): void {
    this.#series.set(
      `${target.entityRef}\0${target.sloName}`,
      seriesOf(samples),
    );
  }

  /**
   * The series a query reads: for a threshold SLI, each bucket with a value
   * as one data point, good when the value meets the threshold (cached).
   */
  private seriesFor(query: SliQuery): Series | undefined {
    const key = `${query.entityRef}\0${query.sloName}`;
    const series = this.#series.get(key);
    if (!series || !query.threshold) {
      return series;
    }
    const { op, value } = query.threshold;
    const pointsKey = `${key}\0${op}\0${value}`;
    const cached = this.#series.get(pointsKey);
    if (cached) {
      return cached;
    }
    const points = seriesOf(
      series.samples
        .filter(sample => sample.value !== undefined)
        .map(sample => ({
          ...sample,
          good: meetsThreshold(sample.value!, { op, value }) ? 1 : 0,
          total: 1,
        })),
    );
    this.#series.set(pointsKey, points);
    return points;
  }

  /** The series cut into slices (at multiples of their length), cached. */
  private slicesOf(
    series: Series,
    seconds: number,
    target: number,
  ): { starts: number[]; good: number[] } {
    const key = `${seconds}:${target}`;
    const cached = series.slices.get(key);
    if (cached) {
      return cached;
    }
    const sums = new Map<number, SliCounts>();
    for (const sample of series.samples) {
      const slice = Math.floor(sample.bucketStart / seconds) * seconds;
      const counts = sums.get(slice) ?? { good: 0, total: 0 };
      counts.good += sample.good;
      counts.total += sample.total;
      sums.set(slice, counts);
    }
    const starts: number[] = [];
    const good = [0];
    for (const [start, counts] of [...sums.entries()].sort(
      (a, b) => a[0] - b[0],
    )) {
      starts.push(start);
      const isGood = isGoodTimeSlice(
        { good: Math.min(counts.good, counts.total), total: counts.total },
        target,
      );
      good.push(good[good.length - 1] + (isGood ? 1 : 0));
    }
    const result = { starts, good };
    series.slices.set(key, result);
    return result;
  }

  async query(queries: SliQuery[]): Promise<SliQueryResult[]> {
    return queries.map(query => ({
      key: query.key,
      windows: this.answer(query),
    }));
  }

  private answer(query: SliQuery): Record<string, SliCounts | null> {
    const series = this.seriesFor(query);
    const end = Math.floor(query.end.getTime() / 1000);
    const endIndex = series ? lowerBound(series.starts, end) : 0;
    return Object.fromEntries(
      query.windows.map(window => {
        if (!series) {
          return [window.name, null];
        }
        const startIndex = lowerBound(series.starts, end - window.seconds);
        if (startIndex >= endIndex) {
          return [window.name, null];
        }
        if (!query.timeSlices) {
          return [
            window.name,
            {
              good: series.good[endIndex] - series.good[startIndex],
              total: series.total[endIndex] - series.total[startIndex],
            },
          ];
        }
        const { seconds } = query.timeSlices;
        // A threshold slice is good when all of its buckets are.
        const target = query.threshold ? 1 : query.timeSlices.target;
        const slices = this.slicesOf(series, seconds, target);
        const first = lowerBound(slices.starts, end - window.seconds);
        const last = lowerBound(slices.starts, end);
        if (first >= last) {
          return [window.name, null];
        }
        return [
          window.name,
          { good: slices.good[last] - slices.good[first], total: last - first },
        ];
      }),
    );
  }
}
