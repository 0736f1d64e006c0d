import {
  POSTMORTEM_SECTIONS,
  Postmortem,
  PostmortemRevisionAction,
  PostmortemStatus,
} from './types';

/**
 * The fields of a postmortem a revision can change, with how people call
 * them: the title, the impact figures, the reviewers and each section.
 *
 * @public
 */
export const POSTMORTEM_FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  impactUsersAffected: 'Users affected',
  impactDurationMinutes: 'Impact duration',
  impactErrorBudget: 'SLO / error budget impact',
  reviewers: 'Reviewers',
  ...Object.fromEntries(POSTMORTEM_SECTIONS.map(s => [s.key, s.title])),
};

const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields (of {@link POSTMORTEM_FIELD_LABELS}) a change sets to something
 * other than what the postmortem holds, in the order of that list; fields
 * the change leaves out, or sets to what they are, did not change.
 *
 * @public
 */
export function changedPostmortemFields(
  before: Partial<Postmortem>,
  changes: Record<string, unknown>,
): string[] {
  return Object.keys(POSTMORTEM_FIELD_LABELS).filter(
    key =>
      changes[key] !== undefined &&
      !sameValue((before as Record<string, unknown>)[key], changes[key]),
  );
}

/**
 * What a revision did, from the status before and after it: a move forward
 * in the review flow, a move back, or an edit.
 *
 * @public
 */
export function postmortemRevisionAction(
  from: PostmortemStatus,
  to: PostmortemStatus,
): PostmortemRevisionAction {
  if (from === to) {
    return 'edited';
  }
  if (to === 'published') {
    return 'approved';
  }
  return to === 'in_review' && from === 'draft'
    ? 'review_requested'
    : 'returned';
}
