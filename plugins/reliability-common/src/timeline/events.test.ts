import { handoffsOf, incidentsWithin } from './events';
import { TimelineIncident } from './types';

const shift = (start: string, end: string, user: string) => ({
  start: `2026-11-${start}:00.000Z`,
  end: `2026-11-${end}:00.000Z`,
  user,
});

describe('handoffsOf', () => {
  it.each([
    [
      'a weekly rotation: one hand-off per change of person after the start',
      [
        shift('01T00:00', '02T08:00', 'user:default/lena'),
        shift('02T08:00', '09T08:00', 'user:default/jonas'),
        shift('09T08:00', '16T08:00', 'user:default/lena'),
      ],
      [
        ['2026-11-02T08:00:00.000Z', 'user:default/lena', 'user:default/jonas'],
        ['2026-11-09T08:00:00.000Z', 'user:default/jonas', 'user:default/lena'],
      ],
    ],
    [
      'the same person continuing (another layer, an override) is no hand-off',
      [
        shift('01T00:00', '02T08:00', 'user:default/lena'),
        shift('02T08:00', '03T08:00', 'user:default/lena'),
      ],
      [],
    ],
    [
      'after a gap, the next person takes over from nobody',
      [
        shift('01T00:00', '02T08:00', 'user:default/lena'),
        shift('02T10:00', '03T08:00', 'user:default/lena'),
      ],
      [['2026-11-02T10:00:00.000Z', null, 'user:default/lena']],
    ],
  ])('%s', (_, shifts, expected) => {
    expect(
      handoffsOf('checkout-main', shifts, '2026-11-01T00:00:00.000Z').map(h => [
        h.at,
        h.from,
        h.to,
      ]),
    ).toEqual(expected);
  });
});

describe('incidentsWithin', () => {
  const incident = (
    id: string,
    startedAt: string,
    resolvedAt: string | null,
  ): TimelineIncident => ({
    id,
    humanId: null,
    title: id,
    severity: 'SEV2',
    status: resolvedAt ? 'resolved' : 'investigating',
    startedAt,
    resolvedAt,
  });
  const incidents = [
    incident('before', '2026-11-01T00:00:00Z', '2026-11-01T01:00:00Z'),
    incident(
      'overlapping-start',
      '2026-11-01T23:00:00Z',
      '2026-11-02T01:00:00Z',
    ),
    incident('inside', '2026-11-02T05:00:00Z', '2026-11-02T06:00:00Z'),
    incident('open', '2026-11-02T20:00:00Z', null),
    incident('after', '2026-11-03T00:00:00Z', null),
  ];

  it('keeps the incidents whose span overlaps the interval, open ones included', () => {
    const range = {
      from: Date.parse('2026-11-02T00:00:00Z'),
      to: Date.parse('2026-11-03T00:00:00Z'),
    };
    expect(incidentsWithin(incidents, range).map(i => i.id)).toEqual([
      'overlapping-start',
      'inside',
      'open',
    ]);
  });
});
