import { Incident } from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { durationText, startedText } from './incidentTimes';
import { makeIncident } from '../__testUtils__';

function incident(startedAt: string, resolvedAt: string | null): Incident {
  return makeIncident({
    id: 'inc-1',
    title: 'Checkout down',
    severity: 'SEV2',
    status: resolvedAt ? 'resolved' : 'investigating',
    startedAt,
    resolvedAt,
    createdAt: startedAt,
    updatedAt: startedAt,
  });
}

const NOW = '2024-05-10T12:00:00.000Z';

describe('durationText', () => {
  it.each([
    ['2024-05-01T10:00:00Z', '2024-05-01T11:15:00Z', '1 h 15 min'],
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:45Z', '45 s'],
    ['2024-05-01T10:00:00Z', '2024-05-01T10:12:00Z', '12 min'],
    ['2024-05-01T10:00:00Z', '2024-05-01T12:00:00Z', '2 h'],
    ['2024-05-01T10:00:00Z', '2024-05-04T14:30:00Z', '3 d 4 h'],
  ])(
    'says how long a resolved incident lasted (%s → %s: %s)',
    (startedAt, resolvedAt, expected) => {
      expect(durationText(incident(startedAt, resolvedAt), new Date(NOW))).toBe(
        expected,
      );
    },
  );

  it.each([
    ['2024-05-10T10:45:00Z', '1 h 15 min so far'],
    ['2024-05-10T11:51:00Z', '9 min so far'],
    ['2024-05-08T09:00:00Z', '2 d 3 h so far'],
  ])(
    'says how long an open incident started at %s has lasted so far: %s',
    (startedAt, expected) => {
      expect(durationText(incident(startedAt, null), new Date(NOW))).toBe(
        expected,
      );
    },
  );

  it('ignores "now" for a resolved incident', () => {
    const resolved = incident('2024-05-01T10:00:00Z', '2024-05-01T11:15:00Z');
    expect(durationText(resolved, new Date('2030-01-01T00:00:00Z'))).toBe(
      '1 h 15 min',
    );
  });

  it('shows a dash when the times are out of order', () => {
    expect(
      durationText(
        incident('2024-05-01T11:15:00Z', '2024-05-01T10:00:00Z'),
        new Date(NOW),
      ),
    ).toBe('–');
    expect(
      durationText(incident('2024-05-11T00:00:00Z', null), new Date(NOW)),
    ).toBe('–');
  });
});

describe('startedText', () => {
  const now = DateTime.fromISO(NOW);
  if (!now.isValid) {
    throw new Error(`Invalid test time ${NOW}`);
  }

  it.each([
    ['2024-05-10T11:59:30Z', '30 seconds ago'],
    ['2024-05-10T11:45:00Z', '15 minutes ago'],
    ['2024-05-10T09:00:00Z', '3 hours ago'],
    ['2024-05-07T12:00:00Z', '3 days ago'],
    ['2024-03-10T12:00:00Z', '2 months ago'],
  ])('says an incident started at %s started "%s"', (startedAt, expected) => {
    expect(startedText(incident(startedAt, null), now).relative).toBe(expected);
  });

  it('gives the exact start time for the tooltip', () => {
    const { exact } = startedText(incident('2024-05-07T12:00:00Z', null), now);
    const expected = DateTime.fromISO('2024-05-07T12:00:00Z').toLocaleString(
      DateTime.DATETIME_MED,
    );
    expect(exact).toBe(expected);
    expect(exact).toMatch(/May 7, 2024/);
  });
});
