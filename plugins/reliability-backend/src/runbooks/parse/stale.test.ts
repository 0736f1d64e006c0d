import { isRunbookStale, runbookReviewDueDate } from './stale';

describe('isRunbookStale', () => {
  it.each`
    lastReviewed    | reviewIntervalDays | today           | stale
    ${'2026-09-01'} | ${30}              | ${'2026-09-01'} | ${false}
    ${'2026-09-01'} | ${30}              | ${'2026-09-30'} | ${false}
    ${'2026-09-01'} | ${30}              | ${'2026-10-01'} | ${false}
    ${'2026-09-01'} | ${30}              | ${'2026-10-02'} | ${true}
    ${'2026-01-31'} | ${29}              | ${'2026-03-01'} | ${false}
    ${'2026-01-31'} | ${29}              | ${'2026-03-02'} | ${true}
    ${'2024-02-01'} | ${29}              | ${'2024-03-01'} | ${false}
    ${'2024-02-01'} | ${29}              | ${'2024-03-02'} | ${true}
    ${'2025-12-15'} | ${90}              | ${'2026-03-15'} | ${false}
    ${'2025-12-15'} | ${90}              | ${'2026-03-16'} | ${true}
    ${'2026-03-29'} | ${1}               | ${'2026-03-30'} | ${false}
    ${'2026-03-29'} | ${1}               | ${'2026-03-31'} | ${true}
    ${undefined}    | ${90}              | ${'2026-01-01'} | ${true}
  `(
    'reviewed $lastReviewed every $reviewIntervalDays days → stale on $today: $stale',
    ({ lastReviewed, reviewIntervalDays, today, stale }) => {
      expect(isRunbookStale({ lastReviewed, reviewIntervalDays }, today)).toBe(
        stale,
      );
    },
  );

  it.each(['', '2026-1-01', '2026-02-30', 'tomorrow'])(
    'rejects %p as today',
    today => {
      expect(() =>
        isRunbookStale(
          { lastReviewed: '2026-01-01', reviewIntervalDays: 30 },
          today,
        ),
      ).toThrow(TypeError);
    },
  );
});

describe('runbookReviewDueDate', () => {
  it.each`
    lastReviewed    | reviewIntervalDays | due
    ${'2026-09-01'} | ${30}              | ${'2026-10-01'}
    ${'2026-12-15'} | ${30}              | ${'2027-01-14'}
    ${undefined}    | ${30}              | ${undefined}
  `(
    '$lastReviewed + $reviewIntervalDays days → $due',
    ({ lastReviewed, reviewIntervalDays, due }) => {
      expect(runbookReviewDueDate({ lastReviewed, reviewIntervalDays })).toBe(
        due,
      );
    },
  );
});
