import { restrictionRules, restrictionWindows } from './restrictions';
import { Restriction } from './types';

const iso = (ms: number) => new Date(ms).toISOString();
const windows = (
  restrictions: Restriction[],
  zone: string,
  from: string,
  to: string,
) =>
  restrictionWindows(
    restrictionRules(restrictions, zone),
    Date.parse(from),
    Date.parse(to),
  ).map(w => [iso(w.start), iso(w.end)]);

/** One-hour windows, one a day from 00:00 to 19:00, weekdays in turn. */
const twenty: Restriction[] = Array.from({ length: 20 }, (_, r) => ({
  weekdays: [1 + (r % 7)],
  from: `${String(r).padStart(2, '0')}:00`,
  to: `${String(r).padStart(2, '0')}:59`,
}));

describe('restrictionWindows', () => {
  it.each<[string, Restriction[], string, string, string, string[][]]>([
    [
      'only the windows touching the range, whatever else the rules allow',
      twenty,
      'UTC',
      // Monday 2026-03-30: r = 0, 7, 14 start on Mondays.
      '2026-03-30T00:00:00Z',
      '2026-03-31T00:00:00Z',
      [
        ['2026-03-30T00:00:00.000Z', '2026-03-30T00:59:00.000Z'],
        ['2026-03-30T07:00:00.000Z', '2026-03-30T07:59:00.000Z'],
        ['2026-03-30T14:00:00.000Z', '2026-03-30T14:59:00.000Z'],
      ],
    ],
    [
      'a window touching the range is whole, not cut at its ends',
      twenty,
      'UTC',
      '2026-03-30T07:30:00Z',
      '2026-03-30T07:31:00Z',
      [['2026-03-30T07:00:00.000Z', '2026-03-30T07:59:00.000Z']],
    ],
    [
      'an overnight window from the day before runs into the range',
      [{ from: '22:00', to: '06:00' }],
      'Europe/Berlin',
      '2026-03-29T02:00:00Z',
      '2026-03-29T03:00:00Z',
      // 22:00 CET Saturday to 06:00 CEST Sunday: 7 h across spring-forward.
      [['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z']],
    ],
    [
      'office hours stay local on the spring-forward Sunday',
      [{ from: '09:00', to: '17:00' }],
      'Europe/Berlin',
      '2026-03-28T12:00:00Z',
      '2026-03-29T12:00:00Z',
      [
        ['2026-03-28T08:00:00.000Z', '2026-03-28T16:00:00.000Z'],
        ['2026-03-29T07:00:00.000Z', '2026-03-29T15:00:00.000Z'],
      ],
    ],
    [
      'touching windows are joined, also across zones',
      [
        { from: '09:00', to: '17:00', timeZone: 'Asia/Tokyo' },
        { from: '08:00', to: '16:00', timeZone: 'UTC' },
      ],
      'UTC',
      '2026-03-30T00:00:00Z',
      '2026-03-30T12:00:00Z',
      [['2026-03-30T00:00:00.000Z', '2026-03-30T16:00:00.000Z']],
    ],
    [
      'weekdays, and 24:00 for the end of the day',
      [{ weekdays: [6], from: '20:00', to: '24:00' }],
      'Europe/Berlin',
      '2026-03-23T00:00:00Z',
      '2026-04-06T00:00:00Z',
      [
        ['2026-03-28T19:00:00.000Z', '2026-03-28T23:00:00.000Z'],
        ['2026-04-04T18:00:00.000Z', '2026-04-04T22:00:00.000Z'],
      ],
    ],
    [
      'no weekdays at all: never',
      [{ weekdays: [], from: '09:00', to: '17:00' }],
      'UTC',
      '2026-03-23T00:00:00Z',
      '2026-04-06T00:00:00Z',
      [],
    ],
    [
      'an empty range',
      twenty,
      'UTC',
      '2026-03-30T12:00:00Z',
      '2026-03-30T12:00:00Z',
      [],
    ],
  ])('%s', (_label, restrictions, zone, from, to, expected) => {
    expect(windows(restrictions, zone, from, to)).toEqual(expected);
  });

  it('makes as many windows as the range has days, however long the turns', () => {
    const rules = restrictionRules(twenty, 'Europe/Berlin');
    const count = (days: number) => {
      const from = Date.parse('2026-01-05T00:00:00Z');
      return restrictionWindows(rules, from, from + days * 86_400_000).length;
    };
    // 20 windows a week; a window of the day before and after may touch.
    expect(count(7)).toBeLessThanOrEqual(22);
    expect(count(70)).toBeLessThanOrEqual(202);
    expect(count(700)).toBeGreaterThan(1_950);
  });
});
