import { changedPostmortemFields, postmortemRevisionAction } from './revisions';

describe('changedPostmortemFields', () => {
  const before = {
    title: 'Postmortem: Checkout 5xx',
    rootCause: 'Pool of 50',
    timeline: '- 10:00 started',
    reviewers: ['user:default/jonas.weber'],
    impactDurationMinutes: 42,
    impactErrorBudget: null,
  };

  it.each([
    ['nothing sent', {}, []],
    ['the same text', { rootCause: 'Pool of 50' }, []],
    ['one section', { rootCause: 'Pool of 100' }, ['rootCause']],
    [
      'sections in template order, whatever the order sent',
      { lessonsLearned: 'x', summary: 'y', rootCause: 'Pool of 50' },
      ['summary', 'lessonsLearned'],
    ],
    ['the same reviewers', { reviewers: ['user:default/jonas.weber'] }, []],
    [
      'another reviewer',
      { reviewers: ['user:default/jonas.weber', 'group:default/sre'] },
      ['reviewers'],
    ],
    [
      'a cleared figure',
      { impactDurationMinutes: null },
      ['impactDurationMinutes'],
    ],
    ['null for a field that is null', { impactErrorBudget: null }, []],
    ['the status alone', { status: 'in_review', version: 3 }, []],
  ])('%s', (_, changes, expected) => {
    expect(changedPostmortemFields(before, changes)).toEqual(expected);
  });
});

describe('postmortemRevisionAction', () => {
  it.each([
    ['draft', 'draft', 'edited'],
    ['published', 'published', 'edited'],
    ['draft', 'in_review', 'review_requested'],
    ['in_review', 'published', 'approved'],
    ['in_review', 'draft', 'returned'],
    ['published', 'in_review', 'returned'],
  ] as const)('%s → %s is %s', (from, to, action) => {
    expect(postmortemRevisionAction(from, to)).toBe(action);
  });
});
