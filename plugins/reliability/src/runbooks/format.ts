import {
  markdownToPlainText,
  RunbookRecord,
} from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';

/** A `YYYY-MM-DD` day as people read it ("Oct 1, 2026"), or the input when it is no date. */
export function formatDay(day: string): string {
  const date = DateTime.fromISO(day, { zone: 'utc' });
  return date.isValid ? date.toLocaleString(DateTime.DATE_MED) : day;
}

/**
 * "Validated in a drill on Oct 1, 2026" or "Never validated in a drill": a
 * review reads the runbook, a drill proves it works.
 */
export function drillValidationText(
  runbook: Pick<RunbookRecord, 'lastValidatedAt'>,
): string {
  return runbook.lastValidatedAt
    ? `Validated in a drill on ${formatDay(runbook.lastValidatedAt)}`
    : 'Never validated in a drill';
}

/** "Reviewed Oct 1, 2026", "Never reviewed", or nothing for links (they carry no review date). */
export function lastReviewedText(
  runbook: Pick<RunbookRecord, 'kind' | 'lastReviewed'>,
): string | undefined {
  if (runbook.lastReviewed) {
    return `Reviewed ${formatDay(runbook.lastReviewed)}`;
  }
  return runbook.kind === 'structured' ? 'Never reviewed' : undefined;
}

/** Why a runbook counts as stale: "Review overdue since Dec 30, 2026" or "Never reviewed". */
export function staleText(
  runbook: Pick<RunbookRecord, 'reviewDue' | 'lastReviewed'>,
): string {
  if (runbook.reviewDue) {
    return `Review overdue since ${formatDay(runbook.reviewDue)}`;
  }
  return runbook.lastReviewed
    ? `Review overdue (last reviewed ${formatDay(runbook.lastReviewed)})`
    : 'Never reviewed';
}

/**
 * A Markdown description as one line of plain text for lists, without the
 * title it often repeats as its first heading.
 */
export function plainSummary(markdown: string, title?: string): string {
  const text = markdownToPlainText(markdown);
  if (
    title &&
    text.toLocaleLowerCase('en-US').startsWith(title.toLocaleLowerCase('en-US'))
  ) {
    return text.slice(title.length).trim();
  }
  return text;
}
