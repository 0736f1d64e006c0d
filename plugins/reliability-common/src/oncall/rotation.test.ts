import { layerShifts } from './rotation';
import { Layer, RotationUnit, Schedule } from './types';
import { ALICE, BOB, berlinPrimary } from './__testUtils__/testSchedules';

const HOUR = 3_600_000;
const hours = (start: string, end: string) =>
  (Date.parse(end) - Date.parse(start)) / HOUR;

function layer(
  unit: RotationUnit,
  length: number,
  time: string,
  start: string,
  weekday?: number,
): Layer {
  return {
    name: 'l',
    participants: [ALICE, BOB],
    rotation: { length, unit },
    handoff: weekday ? { time, weekday } : { time },
    start,
  };
}

const inZone = (timeZone: string, ...layers: Layer[]): Schedule => ({
  name: 's',
  timeZone,
  layers,
  overrides: [],
});

/** The one shift of `l` covering `at`. */
function shiftAt(timeZone: string, l: Layer, at: string) {
  const end = new Date(Date.parse(at) + 1).toISOString();
  return layerShifts(inZone(timeZone, l), l, { start: at, end });
}

describe('layerShifts across daylight-saving changes', () => {
  it.each([
    // Berlin: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
    [
      'Berlin daily, spring-forward',
      'Europe/Berlin',
      layer('days', 1, '09:00', '2026-03-28'),
      '2026-03-28T12:00:00Z',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      23,
    ],
    [
      'Berlin daily, day after',
      'Europe/Berlin',
      layer('days', 1, '09:00', '2026-03-28'),
      '2026-03-29T12:00:00Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      24,
    ],
    [
      'Berlin daily, fall-back',
      'Europe/Berlin',
      layer('days', 1, '09:00', '2026-10-24'),
      '2026-10-24T12:00:00Z',
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      25,
    ],
    [
      'Berlin weekly Mon 09:00, spring-forward',
      'Europe/Berlin',
      layer('weeks', 1, '09:00', '2026-03-01', 1),
      '2026-03-25T12:00:00Z',
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      167,
    ],
    [
      'Berlin weekly Mon 09:00, fall-back',
      'Europe/Berlin',
      layer('weeks', 1, '09:00', '2026-03-01', 1),
      '2026-10-22T12:00:00Z',
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      169,
    ],
    // New York: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
    [
      'New York daily, spring-forward',
      'America/New_York',
      layer('days', 1, '09:00', '2026-03-01'),
      '2026-03-07T20:00:00Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      23,
    ],
    [
      'New York daily, fall-back',
      'America/New_York',
      layer('days', 1, '09:00', '2026-03-01'),
      '2026-10-31T20:00:00Z',
      '2026-10-31T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z',
      25,
    ],
    [
      'New York weekly Mon 09:00, spring-forward',
      'America/New_York',
      layer('weeks', 1, '09:00', '2026-03-01', 1),
      '2026-03-05T00:00:00Z',
      '2026-03-02T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      167,
    ],
    [
      'New York weekly Mon 09:00, fall-back',
      'America/New_York',
      layer('weeks', 1, '09:00', '2026-03-01', 1),
      '2026-10-29T00:00:00Z',
      '2026-10-26T13:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
      169,
    ],
    [
      'New York 2-day rotation, spring-forward',
      'America/New_York',
      layer('days', 2, '09:00', '2026-03-07'),
      '2026-03-08T20:00:00Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      47,
    ],
    // Hour-based rotations count real hours, so the local hand-off time moves.
    [
      'Berlin 8 h, spring-forward (00:00 CET -> 09:00 CEST)',
      'Europe/Berlin',
      layer('hours', 8, '00:00', '2026-03-28'),
      '2026-03-29T06:00:00Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      8,
    ],
    [
      'New York 8 h, fall-back (00:00 EDT -> 07:00 EST)',
      'America/New_York',
      layer('hours', 8, '00:00', '2026-10-31'),
      '2026-11-01T05:00:00Z',
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T12:00:00.000Z',
      8,
    ],
    // A hand-off time skipped by spring-forward happens after the gap (03:30 CEST).
    [
      'Berlin daily 02:30, the day before the gap',
      'Europe/Berlin',
      layer('days', 1, '02:30', '2026-03-27'),
      '2026-03-28T12:00:00Z',
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      24,
    ],
    [
      'Berlin daily 02:30, from the gap',
      'Europe/Berlin',
      layer('days', 1, '02:30', '2026-03-27'),
      '2026-03-29T12:00:00Z',
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
      23,
    ],
    // A hand-off time repeated at fall-back happens at its first occurrence
    // (02:30 CEST), whatever the season the code runs in.
    [
      'Berlin daily 02:30, the day before the repeated hour',
      'Europe/Berlin',
      layer('days', 1, '02:30', '2026-10-23'),
      '2026-10-24T12:00:00Z',
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      24,
    ],
    [
      'Berlin daily 02:30, from the repeated hour',
      'Europe/Berlin',
      layer('days', 1, '02:30', '2026-10-23'),
      '2026-10-25T12:00:00Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
      25,
    ],
  ] as const)('%s', (_label, zone, l, at, start, end, realHours) => {
    const shifts = shiftAt(zone, l, at);
    expect(shifts).toEqual([expect.objectContaining({ start, end })]);
    expect(hours(start, end)).toBe(realHours);
  });
});

describe('layerShifts', () => {
  const schedule = inZone('Europe/Berlin', berlinPrimary);

  it('takes turns in participant order and returns whole shifts overlapping the range', () => {
    expect(
      layerShifts(schedule, berlinPrimary, {
        start: '2026-03-28T12:00:00Z',
        end: '2026-03-29T12:00:00Z',
      }),
    ).toEqual([
      {
        start: '2026-03-28T08:00:00.000Z',
        end: '2026-03-29T07:00:00.000Z',
        user: BOB,
        layer: 'primary',
      },
      {
        start: '2026-03-29T07:00:00.000Z',
        end: '2026-03-30T07:00:00.000Z',
        user: ALICE,
        layer: 'primary',
      },
    ]);
  });

  it.each([
    // [layer start, first hand-off]
    ['2026-03-02', '2026-03-02T08:00:00.000Z'], // a local date: 09:00 CET that day
    ['2026-03-02T09:00', '2026-03-02T08:00:00.000Z'], // local date-time at the hand-off
    ['2026-03-02T08:00:00Z', '2026-03-02T08:00:00.000Z'], // the instant itself
    ['2026-03-02T10:00', '2026-03-03T08:00:00.000Z'], // after 09:00: the next day
  ])('a layer starting %s first hands off at %s', (start, firstHandoff) => {
    const l = { ...berlinPrimary, start };
    const shifts = layerShifts(inZone('Europe/Berlin', l), l, {
      start: '2026-02-01T00:00:00Z',
      end: '2026-03-04T00:00:00Z',
    });
    expect(shifts[0]).toMatchObject({ start: firstHandoff, user: ALICE });
  });

  it.each([
    // [layer start, weekday, first hand-off]: Sunday 2026-03-01 -> Monday 09:00 CET
    ['2026-03-01', 1, '2026-03-02T08:00:00.000Z'],
    ['2026-03-02T10:00', 1, '2026-03-09T08:00:00.000Z'],
    ['2026-03-01', 7, '2026-03-01T08:00:00.000Z'],
  ])(
    'a weekly layer starting %s on weekday %s first hands off at %s',
    (start, weekday, firstHandoff) => {
      const l = layer('weeks', 1, '09:00', start, weekday);
      const shifts = layerShifts(inZone('Europe/Berlin', l), l, {
        start: '2026-02-01T00:00:00Z',
        end: '2026-03-10T00:00:00Z',
      });
      expect(shifts[0].start).toBe(firstHandoff);
    },
  );

  it('covers nothing before the layer starts or for an empty range', () => {
    const range = {
      start: '2026-03-01T00:00:00Z',
      end: '2026-03-27T08:00:00Z',
    };
    expect(layerShifts(schedule, berlinPrimary, range)).toEqual([]);
    expect(
      layerShifts(schedule, berlinPrimary, {
        start: '2026-04-02T00:00:00Z',
        end: '2026-04-01T00:00:00Z',
      }),
    ).toEqual([]);
  });

  it('finds the right turn far from the start', () => {
    // 2026-12-31 is day 279 after 2026-03-27 (odd turn -> bob); 09:00 CET = 08:00Z.
    expect(
      layerShifts(schedule, berlinPrimary, {
        start: '2026-12-31T12:00:00Z',
        end: '2026-12-31T12:00:01Z',
      }),
    ).toEqual([
      {
        start: '2026-12-31T08:00:00.000Z',
        end: '2027-01-01T08:00:00.000Z',
        user: BOB,
        layer: 'primary',
      },
    ]);
  });
});

describe('layerShifts with restrictions', () => {
  it.each([
    [
      'every day 09:00–17:00 local, also on the spring-forward Sunday',
      [{ from: '09:00', to: '17:00' }],
      [
        ['2026-03-28T08:00:00.000Z', '2026-03-28T16:00:00.000Z', BOB],
        ['2026-03-29T07:00:00.000Z', '2026-03-29T15:00:00.000Z', ALICE],
        ['2026-03-30T07:00:00.000Z', '2026-03-30T15:00:00.000Z', BOB],
      ],
    ],
    [
      'weekdays only',
      [{ weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }],
      [['2026-03-30T07:00:00.000Z', '2026-03-30T15:00:00.000Z', BOB]],
    ],
    [
      // 22:00 CET Sat = 21:00Z to 06:00 CEST Sun = 04:00Z: 7 h of real time.
      'overnight 22:00–06:00, pieces kept whole past the range ends',
      [{ from: '22:00', to: '06:00' }],
      [
        ['2026-03-27T21:00:00.000Z', '2026-03-28T05:00:00.000Z', ALICE],
        ['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z', BOB],
        ['2026-03-29T20:00:00.000Z', '2026-03-30T04:00:00.000Z', ALICE],
        ['2026-03-30T20:00:00.000Z', '2026-03-31T04:00:00.000Z', BOB],
      ],
    ],
    [
      'Saturdays until 24:00 and a window in another zone',
      [
        { weekdays: [6], from: '20:00', to: '24:00' },
        { weekdays: [1], from: '09:00', to: '10:00', timeZone: 'Asia/Tokyo' },
      ],
      [
        ['2026-03-28T19:00:00.000Z', '2026-03-28T23:00:00.000Z', BOB],
        ['2026-03-30T00:00:00.000Z', '2026-03-30T01:00:00.000Z', ALICE],
      ],
    ],
  ])('%s', (_label, restrictions, expected) => {
    const l: Layer = { ...berlinPrimary, restrictions };
    const shifts = layerShifts(inZone('Europe/Berlin', l), l, {
      start: '2026-03-28T00:00:00Z',
      end: '2026-03-31T00:00:00Z',
    });
    expect(shifts.map(s => [s.start, s.end, s.user])).toEqual(expected);
  });
});

describe('layerShifts on an invalid layer', () => {
  it.each<[string, Partial<Layer>]>([
    ['a bad hand-off time', { handoff: { time: '9am' } }],
    ['a zero rotation', { rotation: { length: 0, unit: 'days' } }],
    ['a weekday out of range', { handoff: { time: '09:00', weekday: 8 } }],
    ['a bad start', { start: 'soon' }],
    [
      'a restriction in an unknown zone',
      { restrictions: [{ from: '09:00', to: '17:00', timeZone: 'Mars/Base' }] },
    ],
  ])(
    'throws on %s (validateSchedule reports it without throwing)',
    (_label, change) => {
      const l = { ...berlinPrimary, ...change };
      expect(() =>
        layerShifts(inZone('Europe/Berlin', l), l, {
          start: '2026-03-28T00:00:00Z',
          end: '2026-03-29T00:00:00Z',
        }),
      ).toThrow(Error);
    },
  );
});
