import { finalSchedule, gaps, nextShiftFor, onCallAt } from './finalSchedule';
import { Schedule } from './types';
import {
  ALICE,
  BOB,
  CAROL,
  DAVE,
  ERIN,
  FRANK,
  GRACE,
  berlinPrimary,
  berlinTwoLayers,
  newYorkOfficeHours,
} from './__testUtils__/testSchedules';

// Hand-computed facts used below (Berlin springs forward 2026-03-29 01:00Z):
// primary (daily 09:00): bob 03-28T08:00Z–03-29T07:00Z, alice 03-29T07:00Z–03-30T07:00Z,
//   bob 03-30T07:00Z–03-31T07:00Z.
// nights (weekly Mon 18:00, 22:00–06:00 only): dave until Mon 03-30 18:00 CEST (16:00Z),
//   then carol; windows 03-28T21:00Z–03-29T04:00Z (7 h, DST night),
//   03-29T20:00Z–03-30T04:00Z, 03-30T20:00Z–03-31T04:00Z.

type Row = [string, string, string, string?];
const rows = (shifts: ReturnType<typeof finalSchedule>): Row[] =>
  shifts.map(s => [s.start, s.end, s.user, s.override ? 'override' : s.layer]);

describe('finalSchedule', () => {
  it.each<[string, Schedule, string, string, Row[]]>([
    [
      'a night-only layer over a 24/7 layer, across spring-forward',
      berlinTwoLayers,
      '2026-03-28T20:00:00Z',
      '2026-03-29T12:00:00Z',
      [
        [
          '2026-03-28T20:00:00.000Z',
          '2026-03-28T21:00:00.000Z',
          BOB,
          'primary',
        ],
        [
          '2026-03-28T21:00:00.000Z',
          '2026-03-29T04:00:00.000Z',
          DAVE,
          'nights',
        ],
        [
          '2026-03-29T04:00:00.000Z',
          '2026-03-29T07:00:00.000Z',
          BOB,
          'primary',
        ],
        [
          '2026-03-29T07:00:00.000Z',
          '2026-03-29T12:00:00.000Z',
          ALICE,
          'primary',
        ],
      ],
    ],
    [
      'the night layer changes hands at its own Monday 18:00 hand-off',
      berlinTwoLayers,
      '2026-03-30T12:00:00Z',
      '2026-03-31T12:00:00Z',
      [
        [
          '2026-03-30T12:00:00.000Z',
          '2026-03-30T20:00:00.000Z',
          BOB,
          'primary',
        ],
        [
          '2026-03-30T20:00:00.000Z',
          '2026-03-31T04:00:00.000Z',
          CAROL,
          'nights',
        ],
        [
          '2026-03-31T04:00:00.000Z',
          '2026-03-31T07:00:00.000Z',
          BOB,
          'primary',
        ],
        [
          '2026-03-31T07:00:00.000Z',
          '2026-03-31T12:00:00.000Z',
          ALICE,
          'primary',
        ],
      ],
    ],
    [
      'an override covering part of a shift splits it (local times read in the zone)',
      {
        ...berlinTwoLayers,
        layers: [berlinPrimary],
        overrides: [
          {
            user: GRACE,
            start: '2026-03-28T13:00',
            end: '2026-03-28T19:00',
            reason: 'swap',
          },
        ],
      },
      '2026-03-28T08:00:00Z',
      '2026-03-29T07:00:00Z',
      [
        [
          '2026-03-28T08:00:00.000Z',
          '2026-03-28T12:00:00.000Z',
          BOB,
          'primary',
        ],
        [
          '2026-03-28T12:00:00.000Z',
          '2026-03-28T18:00:00.000Z',
          GRACE,
          'override',
        ],
        [
          '2026-03-28T18:00:00.000Z',
          '2026-03-29T07:00:00.000Z',
          BOB,
          'primary',
        ],
      ],
    ],
    [
      'overrides win over every layer; a later override over an earlier one; adjacent overrides of one user merge',
      {
        ...berlinTwoLayers,
        overrides: [
          {
            user: GRACE,
            start: '2026-03-28T20:00:00Z',
            end: '2026-03-29T02:00:00Z',
          },
          {
            user: ERIN,
            start: '2026-03-29T01:00:00Z',
            end: '2026-03-29T01:30:00Z',
          },
          {
            user: GRACE,
            start: '2026-03-29T02:00:00Z',
            end: '2026-03-29T05:00:00Z',
          },
        ],
      },
      '2026-03-28T20:00:00Z',
      '2026-03-29T08:00:00Z',
      [
        [
          '2026-03-28T20:00:00.000Z',
          '2026-03-29T01:00:00.000Z',
          GRACE,
          'override',
        ],
        [
          '2026-03-29T01:00:00.000Z',
          '2026-03-29T01:30:00.000Z',
          ERIN,
          'override',
        ],
        [
          '2026-03-29T01:30:00.000Z',
          '2026-03-29T05:00:00.000Z',
          GRACE,
          'override',
        ],
        [
          '2026-03-29T05:00:00.000Z',
          '2026-03-29T07:00:00.000Z',
          BOB,
          'primary',
        ],
        [
          '2026-03-29T07:00:00.000Z',
          '2026-03-29T08:00:00.000Z',
          ALICE,
          'primary',
        ],
      ],
    ],
    [
      'one participant: consecutive turns merge into one shift, cut at the range',
      {
        ...berlinTwoLayers,
        layers: [{ ...berlinPrimary, participants: [ALICE] }],
      },
      '2026-03-28T00:00:00Z',
      '2026-03-31T00:00:00Z',
      [
        [
          '2026-03-28T00:00:00.000Z',
          '2026-03-31T00:00:00.000Z',
          ALICE,
          'primary',
        ],
      ],
    ],
    [
      'a restricted single layer leaves gaps (office hours in New York)',
      newYorkOfficeHours,
      '2026-03-06T00:00:00Z',
      '2026-03-10T00:00:00Z',
      [
        [
          '2026-03-06T14:00:00.000Z',
          '2026-03-06T22:00:00.000Z',
          ERIN,
          'business',
        ],
        [
          '2026-03-09T13:00:00.000Z',
          '2026-03-09T21:00:00.000Z',
          FRANK,
          'business',
        ],
      ],
    ],
    [
      'an empty range',
      berlinTwoLayers,
      '2026-03-29T00:00:00Z',
      '2026-03-29T00:00:00Z',
      [],
    ],
  ])('%s', (_label, schedule, start, end, expected) => {
    expect(rows(finalSchedule(schedule, { start, end }))).toEqual(expected);
  });
});

describe('gaps', () => {
  it.each<[string, Schedule, string, string, Array<[string, string]>]>([
    [
      'office hours only: nights and the weekend (spring-forward Sunday in New York)',
      newYorkOfficeHours,
      '2026-03-06T00:00:00Z',
      '2026-03-10T00:00:00Z',
      [
        ['2026-03-06T00:00:00.000Z', '2026-03-06T14:00:00.000Z'],
        ['2026-03-06T22:00:00.000Z', '2026-03-09T13:00:00.000Z'],
        ['2026-03-09T21:00:00.000Z', '2026-03-10T00:00:00.000Z'],
      ],
    ],
    [
      'an override fills part of a gap',
      {
        ...newYorkOfficeHours,
        overrides: [
          { user: GRACE, start: '2026-03-07T10:00', end: '2026-03-07T14:00' },
        ],
      },
      '2026-03-07T00:00:00Z',
      '2026-03-08T00:00:00Z',
      [
        ['2026-03-07T00:00:00.000Z', '2026-03-07T15:00:00.000Z'],
        ['2026-03-07T19:00:00.000Z', '2026-03-08T00:00:00.000Z'],
      ],
    ],
    [
      // The night layer (from 03-01) covers until 06:00 CET = 05:00Z; primary starts 09:00 CET.
      'before the primary layer starts, after the night window',
      berlinTwoLayers,
      '2026-03-27T00:00:00Z',
      '2026-03-27T08:00:00Z',
      [['2026-03-27T05:00:00.000Z', '2026-03-27T08:00:00.000Z']],
    ],
    [
      'a 24/7 layer has none',
      berlinTwoLayers,
      '2026-03-28T00:00:00Z',
      '2026-04-30T00:00:00Z',
      [],
    ],
  ])('%s', (_label, schedule, start, end, expected) => {
    expect(gaps(schedule, { start, end }).map(g => [g.start, g.end])).toEqual(
      expected,
    );
  });
});

describe('onCallAt', () => {
  it.each<[string, Schedule, string, Row | undefined]>([
    [
      'exactly at a daily hand-off: the NEW shift',
      berlinTwoLayers,
      '2026-03-29T07:00:00Z',
      [
        '2026-03-29T07:00:00.000Z',
        '2026-03-29T20:00:00.000Z',
        ALICE,
        'primary',
      ],
    ],
    [
      'a millisecond before it: the old shift',
      berlinTwoLayers,
      '2026-03-29T06:59:59.999Z',
      ['2026-03-29T04:00:00.000Z', '2026-03-29T07:00:00.000Z', BOB, 'primary'],
    ],
    [
      'exactly when a restriction window opens',
      berlinTwoLayers,
      '2026-03-28T21:00:00Z',
      ['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z', DAVE, 'nights'],
    ],
    [
      'exactly when it closes',
      berlinTwoLayers,
      '2026-03-29T04:00:00Z',
      ['2026-03-29T04:00:00.000Z', '2026-03-29T07:00:00.000Z', BOB, 'primary'],
    ],
    [
      'in local time of the zone (03:30 CEST)',
      berlinTwoLayers,
      '2026-03-29T03:30',
      ['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z', DAVE, 'nights'],
    ],
    [
      'exactly at a weekly hand-off (Mon 09:00 EDT)',
      newYorkOfficeHours,
      '2026-03-09T13:00:00Z',
      [
        '2026-03-09T13:00:00.000Z',
        '2026-03-09T21:00:00.000Z',
        FRANK,
        'business',
      ],
    ],
    ['in a gap', newYorkOfficeHours, '2026-03-07T12:00:00Z', undefined],
    [
      'exactly at the end of a shift, followed by a gap',
      newYorkOfficeHours,
      '2026-03-09T21:00:00Z',
      undefined,
    ],
    [
      'a long merged shift is found whole',
      {
        ...berlinTwoLayers,
        layers: [{ ...berlinPrimary, participants: [ALICE] }],
        overrides: [
          {
            user: BOB,
            start: '2026-05-01T00:00:00Z',
            end: '2026-05-02T00:00:00Z',
          },
        ],
      },
      '2026-04-20T00:00:00Z',
      [
        '2026-03-27T08:00:00.000Z',
        '2026-05-01T00:00:00.000Z',
        ALICE,
        'primary',
      ],
    ],
  ])('%s', (_label, schedule, instant, expected) => {
    const shift = onCallAt(schedule, instant);
    expect(shift && rows([shift])[0]).toEqual(expected);
  });
});

describe('nextShiftFor', () => {
  it.each<[string, string, string, Row | undefined]>([
    [
      'a user off call',
      ALICE,
      '2026-03-28T20:00:00Z',
      [
        '2026-03-29T07:00:00.000Z',
        '2026-03-29T20:00:00.000Z',
        ALICE,
        'primary',
      ],
    ],
    [
      'a user on call now: the one after',
      BOB,
      '2026-03-29T05:00:00Z',
      ['2026-03-30T07:00:00.000Z', '2026-03-30T20:00:00.000Z', BOB, 'primary'],
    ],
    [
      'a shift starting exactly then',
      BOB,
      '2026-03-29T04:00:00Z',
      ['2026-03-29T04:00:00.000Z', '2026-03-29T07:00:00.000Z', BOB, 'primary'],
    ],
    [
      'on the night layer',
      DAVE,
      '2026-03-29T00:00:00Z',
      ['2026-03-29T20:00:00.000Z', '2026-03-30T04:00:00.000Z', DAVE, 'nights'],
    ],
    [
      'a week later after the weekly hand-off',
      CAROL,
      '2026-03-29T00:00:00Z',
      ['2026-03-30T20:00:00.000Z', '2026-03-31T04:00:00.000Z', CAROL, 'nights'],
    ],
    [
      'nobody by that name',
      'user:default/nobody',
      '2026-03-29T00:00:00Z',
      undefined,
    ],
  ])('%s', (_label, user, from, expected) => {
    const shift = nextShiftFor(berlinTwoLayers, user, from);
    expect(shift && rows([shift])[0]).toEqual(expected);
  });
});
