import {
  calendarReviewPeriod,
  lastCompleteReviewPeriod,
  previousReviewPeriod,
  reviewPeriodDays,
  reviewPeriodRange,
} from './period';

describe('calendarReviewPeriod', () => {
  it.each([
    ['week', '2026-12-06', '2026-11-30', '2026-12-06'],
    ['week', '2026-11-30', '2026-11-30', '2026-12-06'],
    ['week', '2027-01-01', '2026-12-28', '2027-01-03'],
    ['month', '2026-02-14', '2026-02-01', '2026-02-28'],
    ['month', '2028-02-29', '2028-02-01', '2028-02-29'],
    ['month', '2026-12-31', '2026-12-01', '2026-12-31'],
    ['quarter', '2026-11-05', '2026-10-01', '2026-12-31'],
    ['quarter', '2026-01-01', '2026-01-01', '2026-03-31'],
    ['quarter', '2026-06-30', '2026-04-01', '2026-06-30'],
  ] as const)('the %s of %s is %s to %s', (kind, day, start, end) => {
    expect(calendarReviewPeriod(kind, day)).toEqual({ kind, start, end });
  });
});

describe('lastCompleteReviewPeriod', () => {
  it.each([
    ['week', '2026-12-07', '2026-11-30', '2026-12-06'],
    ['month', '2026-12-06', '2026-11-01', '2026-11-30'],
    ['month', '2026-01-15', '2025-12-01', '2025-12-31'],
    ['quarter', '2026-12-06', '2026-07-01', '2026-09-30'],
  ] as const)(
    'the last %s before %s is %s to %s',
    (kind, today, start, end) => {
      expect(lastCompleteReviewPeriod(kind, today)).toEqual({
        kind,
        start,
        end,
      });
    },
  );
});

describe('previousReviewPeriod', () => {
  it.each([
    [
      { kind: 'month', start: '2026-03-01', end: '2026-03-31' },
      { kind: 'month', start: '2026-02-01', end: '2026-02-28' },
    ],
    [
      { kind: 'week', start: '2026-11-30', end: '2026-12-06' },
      { kind: 'week', start: '2026-11-23', end: '2026-11-29' },
    ],
    [
      { kind: 'quarter', start: '2026-01-01', end: '2026-03-31' },
      { kind: 'quarter', start: '2025-10-01', end: '2025-12-31' },
    ],
    [
      { kind: 'custom', start: '2026-11-10', end: '2026-11-19' },
      { kind: 'custom', start: '2026-10-31', end: '2026-11-09' },
    ],
  ] as const)('before %o comes %o', (period, previous) => {
    expect(previousReviewPeriod(period)).toEqual(previous);
  });
});

describe('reviewPeriodDays and reviewPeriodRange', () => {
  it('counts both ends and covers whole UTC days', () => {
    const period = { start: '2026-11-01', end: '2026-11-30' };
    expect(reviewPeriodDays(period)).toBe(30);
    expect(reviewPeriodRange(period)).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
  });
});
