import { DateTime } from 'luxon';

/** A chart tick: "Nov 3". */
export function dayTick(ms: number): string {
  return DateTime.fromMillis(ms).toFormat('LLL d');
}

/** A tooltip heading: "Nov 3, 2026, 2:00 PM". */
export function tooltipTime(ms: number | string): string {
  return DateTime.fromMillis(Number(ms)).toLocaleString(DateTime.DATETIME_MED);
}

/**
 * The x range of a chart: the SLO window when known, else the points' own
 * range; never empty.
 */
export function timeDomain(
  window: { start: string; end: string } | null,
  times: number[],
): [number, number] {
  const start = window ? Date.parse(window.start) : Math.min(...times);
  const end = window ? Date.parse(window.end) : Math.max(...times);
  const first = Math.min(start, ...times);
  const last = Math.max(end, ...times);
  return first < last ? [first, last] : [first - 3_600_000, last + 3_600_000];
}
