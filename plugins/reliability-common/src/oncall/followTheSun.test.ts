import { finalSchedule, gaps } from './finalSchedule';
import { followTheSun } from './__testUtils__/testSchedules';

// Each region covers 08:00–16:00 in its own zone; later layers win overlaps
// (tokyo < berlin < new-york). Weekly hand-off Monday 00:00 UTC from 2026-03-02:
// kenji/anna/nora in even weeks, yui/ben/sam in odd weeks.
// JST is UTC+9 all year; Berlin UTC+1 until 2026-03-29, then +2;
// New York UTC-5 until 2026-03-08, then -4.

const KENJI = 'user:default/kenji';
const YUI = 'user:default/yui';
const ANNA = 'user:default/anna';
const BEN = 'user:default/ben';
const NORA = 'user:default/nora';
const SAM = 'user:default/sam';

describe('follow-the-sun (one schedule, restrictions in each region’s zone)', () => {
  it.each([
    [
      'both in standard time (Thu 2026-03-05)',
      '2026-03-05',
      [
        ['00:00', '07:00', KENJI, 'tokyo'],
        ['07:00', '13:00', ANNA, 'berlin'],
        ['13:00', '21:00', NORA, 'new-york'],
        ['23:00', '24:00', KENJI, 'tokyo'],
      ],
    ],
    [
      'New York on summer time, Berlin not yet (Thu 2026-03-12)',
      '2026-03-12',
      [
        ['00:00', '07:00', YUI, 'tokyo'],
        ['07:00', '12:00', BEN, 'berlin'],
        ['12:00', '20:00', SAM, 'new-york'],
        ['23:00', '24:00', YUI, 'tokyo'],
      ],
    ],
    [
      'both on summer time, the day of a weekly hand-off (Mon 2026-03-30)',
      '2026-03-30',
      [
        ['00:00', '06:00', KENJI, 'tokyo'],
        ['06:00', '12:00', ANNA, 'berlin'],
        ['12:00', '20:00', NORA, 'new-york'],
        ['23:00', '24:00', KENJI, 'tokyo'],
      ],
    ],
  ])('%s', (_label, day, expected) => {
    const iso = (hhmm: string) =>
      hhmm === '24:00'
        ? new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString()
        : `${day}T${hhmm}:00.000Z`;
    const range = { start: `${day}T00:00:00Z`, end: iso('24:00') };
    expect(
      finalSchedule(followTheSun, range).map(s => [
        s.start,
        s.end,
        s.user,
        s.layer,
      ]),
    ).toEqual(
      expected.map(([from, to, user, layer]) => [
        iso(from),
        iso(to),
        user,
        layer,
      ]),
    );
    // Nobody covers between New York's 16:00 and Tokyo's 08:00.
    const gap = expected[2][1];
    expect(gaps(followTheSun, range)).toEqual([
      { start: iso(gap), end: iso('23:00') },
    ]);
  });

  it('the Tokyo shift that starts Sunday 23:00 UTC belongs to the old week until Monday 00:00 UTC', () => {
    expect(
      finalSchedule(followTheSun, {
        start: '2026-03-29T22:00:00Z',
        end: '2026-03-30T01:00:00Z',
      }).map(s => [s.start, s.end, s.user]),
    ).toEqual([
      ['2026-03-29T23:00:00.000Z', '2026-03-30T00:00:00.000Z', YUI],
      ['2026-03-30T00:00:00.000Z', '2026-03-30T01:00:00.000Z', KENJI],
    ]);
  });
});
