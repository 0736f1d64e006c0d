import { findIncidentTimeProblem } from './times';

const at = (minute: number) =>
  new Date(Date.UTC(2026, 9, 20, 10, minute)).toISOString();

describe('findIncidentTimeProblem', () => {
  it.each([
    [
      'all in order',
      {
        startedAt: at(0),
        detectedAt: at(4),
        acknowledgedAt: at(9),
        mitigatedAt: at(52),
        resolvedAt: at(75),
      },
      undefined,
    ],
    [
      'equal times',
      { startedAt: at(0), detectedAt: at(0), resolvedAt: at(0) },
      undefined,
    ],
    [
      'gaps are skipped',
      { startedAt: at(0), resolvedAt: at(75), detectedAt: null },
      undefined,
    ],
    [
      'detected before started',
      { startedAt: at(10), detectedAt: at(5) },
      'detectedAt: must not be before startedAt',
    ],
    [
      'resolved before mitigated',
      { startedAt: at(0), mitigatedAt: at(50), resolvedAt: at(40) },
      'resolvedAt: must not be before mitigatedAt',
    ],
    [
      'resolved before started, across gaps',
      { startedAt: at(30), resolvedAt: at(20) },
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
