import { handoffsIn, onCallThroughout } from './handoffTimes';
import { Schedule } from './types';
import {
  ALICE,
  BOB,
  DAVE,
  berlinPrimary,
  berlinTwoLayers,
} from './__testUtils__/testSchedules';

// Hand-computed (see finalSchedule.test.ts): primary hands bob → alice at
// 2026-03-29T07:00Z and alice → bob at 03-30T07:00Z; the nights layer has
// dave 03-28T21:00Z–03-29T04:00Z on top.
const primaryOnly: Schedule = {
  name: 'payments',
  timeZone: 'Europe/Berlin',
  layers: [berlinPrimary],
  overrides: [],
};

describe('handoffsIn', () => {
  it.each<
    [string, Schedule, string, string, Array<[string, string | null, string]>]
  >([
    [
      'daily hand-offs at 09:00 Berlin',
      primaryOnly,
      '2026-03-29T00:00:00Z',
      '2026-03-31T00:00:00Z',
      [
        ['2026-03-29T07:00:00.000Z', BOB, ALICE],
        ['2026-03-30T07:00:00.000Z', ALICE, BOB],
      ],
    ],
    [
      'a night layer hands to and from the primary',
      berlinTwoLayers,
      '2026-03-28T20:00:00Z',
      '2026-03-29T12:00:00Z',
      [
        ['2026-03-28T21:00:00.000Z', BOB, DAVE],
        ['2026-03-29T04:00:00.000Z', DAVE, BOB],
        ['2026-03-29T07:00:00.000Z', BOB, ALICE],
      ],
    ],
    [
      'an override of the same person goes on without a hand-off',
      {
        ...primaryOnly,
        overrides: [
          {
            user: BOB,
            start: '2026-03-29T07:00:00Z',
            end: '2026-03-29T10:00:00Z',
          },
        ],
      },
      '2026-03-29T00:00:00Z',
      '2026-03-29T12:00:00Z',
      [['2026-03-29T10:00:00.000Z', BOB, ALICE]],
    ],
    [
      'a shift after a gap is a hand-off from nobody',
      {
        ...primaryOnly,
        layers: [],
        overrides: [
          {
            user: BOB,
            start: '2026-03-29T10:00:00Z',
            end: '2026-03-29T11:00:00Z',
          },
        ],
      },
      '2026-03-29T00:00:00Z',
      '2026-03-29T12:00:00Z',
      [['2026-03-29T10:00:00.000Z', null, BOB]],
    ],
    [
      'a hand-off at the range start counts, one at its end does not',
      primaryOnly,
      '2026-03-29T07:00:00Z',
      '2026-03-30T07:00:00Z',
      [['2026-03-29T07:00:00.000Z', BOB, ALICE]],
    ],
  ])('%s', (_, schedule, start, end, expected) => {
    expect(
      handoffsIn(schedule, { start, end }).map(h => [
        h.at,
        h.outgoing,
        h.incoming,
      ]),
    ).toEqual(expected);
  });
});

describe('onCallThroughout', () => {
  it.each<[string, Schedule, string, string, string, boolean]>([
    [
      'a whole shift',
      primaryOnly,
      '2026-03-29T07:00:00Z',
      '2026-03-30T07:00:00Z',
      ALICE,
      true,
    ],
    [
      'part of a shift',
      primaryOnly,
      '2026-03-29T08:00:00Z',
      '2026-03-29T09:00:00Z',
      ALICE,
      true,
    ],
    [
      'someone else’s',
      primaryOnly,
      '2026-03-29T08:00:00Z',
      '2026-03-29T09:00:00Z',
      BOB,
      false,
    ],
    [
      'across a hand-off',
      primaryOnly,
      '2026-03-29T06:00:00Z',
      '2026-03-29T08:00:00Z',
      BOB,
      false,
    ],
    [
      'into a night layer',
      berlinTwoLayers,
      '2026-03-28T20:00:00Z',
      '2026-03-28T22:00:00Z',
      BOB,
      false,
    ],
    [
      'before the night layer',
      berlinTwoLayers,
      '2026-03-28T20:00:00Z',
      '2026-03-28T21:00:00Z',
      BOB,
      true,
    ],
    [
      'a gap',
      { ...primaryOnly, layers: [] },
      '2026-03-29T08:00:00Z',
      '2026-03-29T09:00:00Z',
      BOB,
      false,
    ],
  ])('%s', (_, schedule, start, end, user, expected) => {
    expect(onCallThroughout(schedule, { start, end }, user)).toBe(expected);
  });
});
