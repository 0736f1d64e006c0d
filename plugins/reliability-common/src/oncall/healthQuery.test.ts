import {
  onCallHealthPeriodOf,
  onCallHealthQuerySchema,
  onCallHealthRange,
} from './healthQuery';

const problemsOf = (query: object) => {
  const result = onCallHealthQuerySchema.safeParse(query);
  return result.success
    ? []
    : result.error.issues.map(issue => [issue.path.join('.'), issue.message]);
};

describe('onCallHealthQuerySchema', () => {
  it.each([
    [
      // 31 + 28 + 31 + 3 = 93 days
      { period: 'custom', start: '2026-01-01', end: '2026-04-03' },
      [['end', 'must be at most 92 days (a quarter) after start']],
    ],
    [
      { period: 'custom', start: '2026-03-10', end: '2026-03-09' },
      [['end', 'must not be before start']],
    ],
    [
      { period: 'custom', start: '2026-02-30', end: '2026-03-09' },
      [['start', expect.any(String)]],
    ],
    [
      { period: 'custom', start: '2026-03-01' },
      [['end', 'required for a custom period']],
    ],
    [{ period: 'year' }, [['period', expect.any(String)]]],
    [{ from: '2026-03-01' }, [['', expect.any(String)]]],
  ])('refuses %o, naming the field', (query, problems) => {
    expect(problemsOf(query)).toEqual(problems);
  });

  it.each([
    // 31 + 28 + 31 + 2 = 92 days, as long as the longest quarter
    [
      { period: 'custom', start: '2026-01-01', end: '2026-04-02' },
      { kind: 'custom', start: '2026-01-01', end: '2026-04-02' },
    ],
    [
      { period: 'quarter', start: '2026-08-15' },
      { kind: 'quarter', start: '2026-07-01', end: '2026-09-30' },
    ],
    [{}, { kind: 'month', start: '2026-11-01', end: '2026-11-30' }],
  ])('reads %o as %o', (query, period) => {
    expect(
      onCallHealthPeriodOf(onCallHealthQuerySchema.parse(query), '2026-12-07'),
    ).toEqual(period);
  });

  it("covers the period's days whole, in the schedule's zone", () => {
    expect(
      onCallHealthRange(
        { kind: 'custom', start: '2026-03-23', end: '2026-04-05' },
        'Europe/Berlin',
      ),
    ).toEqual({
      // Midnight CET, and the midnight after 04-05 in CEST.
      start: '2026-03-22T23:00:00.000Z',
      end: '2026-04-05T22:00:00.000Z',
    });
  });
});
