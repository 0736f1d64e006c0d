import { drillValidationText, plainSummary, staleText } from './format';

describe('plainSummary', () => {
  it.each([
    [
      '# Ledger mismatch\n\nThe **nightly** run failed.',
      'Ledger mismatch',
      'The nightly run failed.',
    ],
    [
      'See [the dashboard](https://grafana.example) and `kubectl`.',
      undefined,
      'See the dashboard and kubectl.',
    ],
    ['- one\n- two', undefined, 'one two'],
  ])('turns %j into plain text', (markdown, title, expected) => {
    expect(plainSummary(markdown, title)).toBe(expected);
  });
});

describe('staleText', () => {
  it('names the day the review fell due, or says it never happened', () => {
    expect(
      staleText({ reviewDue: '2026-07-13', lastReviewed: '2026-04-14' }),
    ).toBe('Review overdue since Jul 13, 2026');
    expect(staleText({})).toBe('Never reviewed');
  });
});

describe('drillValidationText', () => {
  it('names the day of the last drill, or says there was none', () => {
    expect(
      drillValidationText({ lastValidatedAt: '2026-11-03T16:20:00.000Z' }),
    ).toBe('Validated in a drill on Nov 3, 2026');
    expect(drillValidationText({})).toBe('Never validated in a drill');
  });
});
