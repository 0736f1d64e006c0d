import { Knex } from 'knex';

/** The roll-up's period: an hour, in seconds. */
export const HOUR = 3600;

/** Hours of samples rolled up again as one range while the gap is at most a day. */
const RANGE_GAP = 24 * HOUR;

/**
 * How one window `[start, end)` is summed. A bucket counts when it starts
 * before `end` and overlaps the window. Whole hours from `firstHour` to the
 * last whole hour before `end` come from the hourly roll-up; from the
 * samples ("the edges"): buckets that start before `firstHour` (and `end`)
 * and overlap the window, and buckets that start at or after
 * `lastEdgeFrom`, the last partial hour.
 *
 * @internal
 */
export interface WindowPart {
  start: number;
  firstHour: number;
  lastEdgeFrom: number;
}

/**
 * The parts of windows that all end at `end` (epoch seconds), of SLOs whose
 * buckets are at most `longest` seconds long: per window its
 * {@link WindowPart}, the start of the last partial hour, and the ranges of
 * bucket starts to read from the samples (merged, ascending).
 *
 * @internal
 */
export function windowParts(
  end: number,
  windowSeconds: number[],
  longest: number,
): {
  windows: WindowPart[];
  lastHour: number;
  edgeRanges: Array<[number, number]>;
} {
  const lastHour = Math.floor(end / HOUR) * HOUR;
  const windows = windowSeconds.map(seconds => {
    const start = end - seconds;
    const firstHour = Math.ceil(start / HOUR) * HOUR;
    return { start, firstHour, lastEdgeFrom: Math.max(firstHour, lastHour) };
  });
  const ranges: Array<[number, number]> = windows.map(part => [
    // A bucket that starts earlier ends before the window starts.
    part.start - longest,
    Math.min(part.firstHour, end),
  ]);
  if (lastHour < end) {
    ranges.push([lastHour, end]);
  }
  return { windows, lastHour, edgeRanges: mergeRanges(ranges) };
}

/** Half-open ranges merged where they overlap or touch, ascending. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  const nonEmpty = ranges.filter(range => range[0] < range[1]);
  for (const [from, to] of nonEmpty.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) {
      last[1] = Math.max(last[1], to);
    } else {
      merged.push([from, to]);
    }
  }
  return merged;
}

/**
 * The hours that bucket starts fall in, as ranges `[from, to)` of whole
 * hours, hours less than a day apart in one range.
 *
 * @internal
 */
export function hourRanges(starts: number[]): Array<[number, number]> {
  const hours = [...new Set(starts.map(s => Math.floor(s / HOUR) * HOUR))].sort(
    (a, b) => a - b,
  );
  const ranges: Array<[number, number]> = [];
  for (const hour of hours) {
    const last = ranges[ranges.length - 1];
    if (last && hour - last[1] <= RANGE_GAP) {
      last[1] = hour + HOUR;
    } else {
      ranges.push([hour, hour + HOUR]);
    }
  }
  return ranges;
}

/**
 * Sums the hours `[from, to)` of one SLO's samples again into
 * `sli_sample_hours`, inside the transaction that wrote them.
 *
 * @internal
 */
export async function rollUpHours(
  tx: Knex.Transaction,
  target: { entityRef: string; sloName: string },
  [from, to]: [number, number],
): Promise<void> {
  const key = { entity_ref: target.entityRef, slo_name: target.sloName };
  await tx('sli_sample_hours')
    .where(key)
    .andWhere('hour_start', '>=', from)
    .andWhere('hour_start', '<', to)
    .delete();
  // bucket_start is an integer column: integer division on both engines.
  await tx.raw(
    `INSERT INTO sli_sample_hours (entity_ref, slo_name, hour_start, good, total, buckets)
     SELECT entity_ref, slo_name, (bucket_start / ${HOUR}) * ${HOUR}, SUM(good), SUM(total), COUNT(*)
     FROM sli_samples
     WHERE entity_ref = ? AND slo_name = ? AND bucket_start >= ? AND bucket_start < ?
     GROUP BY entity_ref, slo_name, bucket_start / ${HOUR}`,
    [target.entityRef, target.sloName, from, to],
  );
}
