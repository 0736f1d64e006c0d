import { isValidIsoDate } from './schema';
import { Runbook } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

function toUtcMs(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

/**
 * The last day on which the runbook still counts as reviewed
 * (`lastReviewed + reviewIntervalDays`, `YYYY-MM-DD`), or undefined when it
 * was never reviewed.
 *
 * @internal
 */
export function runbookReviewDueDate(
  runbook: Pick<Runbook, 'lastReviewed' | 'reviewIntervalDays'>,
): string | undefined {
  if (!runbook.lastReviewed || !isValidIsoDate(runbook.lastReviewed)) {
    return undefined;
  }
  return new Date(
    toUtcMs(runbook.lastReviewed) + runbook.reviewIntervalDays * DAY_MS,
  )
    .toISOString()
    .slice(0, 10);
}

/**
 * Whether a runbook is stale on `today` (`YYYY-MM-DD`): its review is due
 * once `lastReviewed + reviewIntervalDays` has passed, i.e. it is stale from
 * the day after that date. A runbook without `lastReviewed` has never been
 * reviewed and is always stale.
 *
 * @throws TypeError when `today` is not a valid `YYYY-MM-DD` date
 * @internal
 */
export function isRunbookStale(
  runbook: Pick<Runbook, 'lastReviewed' | 'reviewIntervalDays'>,
  today: string,
): boolean {
  if (!isValidIsoDate(today)) {
    throw new TypeError(`today must be a YYYY-MM-DD date, got "${today}"`);
  }
  const due = runbookReviewDueDate(runbook);
  return due === undefined || today > due;
}
