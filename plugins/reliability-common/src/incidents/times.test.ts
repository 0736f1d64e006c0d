import { findIncidentTimeProblem } from './times';

const T = (minute: number) =>
  new Date(Date.UTC(2026, 9, 20, 10, minute)).toISOString();

describe('findIncidentTimeProblem', () => {
  it.each([
    [
      'all in order',
      {
        startedAt: T(0),
        detectedAt: T(4),
        acknowledgedAt: T(9),
        mitigatedAt: T(52),
        resolvedAt: T(75),
      },
      undefined,
    ],
    [
      'equal times',
      { startedAt: T(0), detectedAt: T(0), resolvedAt: T(0) },
      undefined,
    ],
    [
      'gaps are skipped',
      { startedAt: T(0), resolvedAt: T(75), detectedAt: null },
      undefined,
    ],
    [
      'detected before started',
      { startedAt: T(10), detectedAt: T(5) },
      'detectedAt: must not be before startedAt',
    ],
    [
      'resolved before mitigated',
      { startedAt: T(0), mitigatedAt: T(50), resolvedAt: T(40) },
      'resolvedAt: must not be before mitigatedAt',
    ],
    [
      'resolved before started, across gaps',
      { startedAt: T(30), resolvedAt: T(20) },
      'resolvedAt: must not be before startedAt',
    ],
    [
      'a bad date',
      { startedAt: 'yesterday' },
      'startedAt: not a date: yesterday',
    ],
  ])('%s', (_name, times, expected) => {
    expect(findIncidentTimeProblem(times)).toBe(expected);
  });
});
