/**
 * The periods a reliability review covers: a calendar week (Monday to
 * Sunday), month or quarter in UTC, or any range of days, and the period
 * before it that each figure is compared with.
 */

/**
 * The kinds of review period.
 *
 * @public
 */
export const REVIEW_PERIOD_KINDS = [
  'week',
  'month',
  'quarter',
  'custom',
] as const;

/**
 * A kind of review period.
 *
 * @public
 */
export type ReviewPeriodKind = (typeof REVIEW_PERIOD_KINDS)[number];

/**
 * The longest range a review covers, in days (two years).
 *
 * @public
 */
export const MAX_REVIEW_DAYS = 731;

/**
 * The days a review covers, UTC: from `start` through `end`, both included
 * (`YYYY-MM-DD`).
 *
 * @public
 */
export interface ReviewPeriod {
  kind: ReviewPeriodKind;
  start: string;
  end: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function addMonths(day: string, months: number): string {
  const date = new Date(dayMs(day));
  date.setUTCMonth(date.getUTCMonth() + months);
  return dayOf(date.getTime());
}

function addDays(day: string, days: number): string {
  return dayOf(dayMs(day) + days * DAY_MS);
}

/**
 * The number of days a period covers, both ends included.
 *
 * @public
 */
export function reviewPeriodDays(period: { start: string; end: string }) {
  return Math.round((dayMs(period.end) - dayMs(period.start)) / DAY_MS) + 1;
}

/**
 * The half-open range of instants `[from, to)` a period covers.
 *
 * @public
 */
export function reviewPeriodRange(period: { start: string; end: string }): {
  from: Date;
  to: Date;
} {
  return {
    from: new Date(dayMs(period.start)),
    to: new Date(dayMs(period.end) + DAY_MS),
  };
}

/**
 * The calendar week, month or quarter that contains `day`.
 *
 * @public
 */
export function calendarReviewPeriod(
  kind: Exclude<ReviewPeriodKind, 'custom'>,
  day: string,
): ReviewPeriod {
  const date = new Date(dayMs(day));
  if (kind === 'week') {
    // Monday is the first day of the week (ISO 8601).
    const sinceMonday = (date.getUTCDay() + 6) % 7;
    const start = addDays(day, -sinceMonday);
    return { kind, start, end: addDays(start, 6) };
  }
  const months = kind === 'month' ? 1 : 3;
  const firstMonth = Math.floor(date.getUTCMonth() / months) * months;
  const start = dayOf(Date.UTC(date.getUTCFullYear(), firstMonth, 1));
  return { kind, start, end: addDays(addMonths(start, months), -1) };
}

/**
 * The period a review covers when asked without a start: the last complete
 * week, month or quarter before `today`.
 *
 * @public
 */
export function lastCompleteReviewPeriod(
  kind: Exclude<ReviewPeriodKind, 'custom'>,
  today: string,
): ReviewPeriod {
  const current = calendarReviewPeriod(kind, today);
  return calendarReviewPeriod(kind, addDays(current.start, -1));
}

/**
 * The period each figure of a review is compared with: the calendar week,
 * month or quarter before, or the same number of days just before a custom
 * range.
 *
 * @public
 */
export function previousReviewPeriod(period: ReviewPeriod): ReviewPeriod {
  if (period.kind !== 'custom') {
    return calendarReviewPeriod(period.kind, addDays(period.start, -1));
  }
  const days = reviewPeriodDays(period);
  return {
    kind: 'custom',
    start: addDays(period.start, -days),
    end: addDays(period.start, -1),
  };
}
