import { reviewPeriodOf, reviewQuerySchema } from './schemas';

const problemsOf = (query: object) => {
  const result = reviewQuerySchema.safeParse(query);
  return result.success
    ? []
    : result.error.issues.map(issue => issue.path.join('.'));
};

describe('reviewQuerySchema', () => {
  it.each([
    [{ period: 'custom', start: '2026-11-31', end: '2026-12-01' }, ['start']],
    [{ period: 'custom', start: '2026-11-01', end: 'soon' }, ['end']],
    [{ period: 'custom', start: '2026-11-10', end: '2026-11-09' }, ['end']],
    [{ period: 'custom', start: '2024-01-01', end: '2026-01-01' }, ['end']],
    [{ period: 'custom', end: '2026-01-01' }, ['start']],
    [{ period: 'month', end: '2026-01-01' }, ['end']],
    [{ period: 'fortnight' }, ['period']],
    [{ entityRef: 'component:default/checkout' }, ['entityRef']],
    [{ entityRef: 'group:default/a', extra: '1' }, ['']],
  ])('refuses %o, naming %o', (query, fields) => {
    expect(problemsOf(query)).toEqual(fields);
  });

  it.each([
    [{}, { kind: 'month', start: '2026-11-01', end: '2026-11-30' }],
    [
      { period: 'week', start: '2026-11-04' },
      { kind: 'week', start: '2026-11-02', end: '2026-11-08' },
    ],
    [
      { period: 'custom', start: '2025-01-01', end: '2026-12-31' },
      { kind: 'custom', start: '2025-01-01', end: '2026-12-31' },
    ],
    [
      { period: 'custom', start: '2026-11-10', end: '2026-11-10' },
      { kind: 'custom', start: '2026-11-10', end: '2026-11-10' },
    ],
  ])('reads %o as %o', (query, period) => {
    expect(
      reviewPeriodOf(reviewQuerySchema.parse(query), '2026-12-06'),
    ).toEqual(period);
  });
});
