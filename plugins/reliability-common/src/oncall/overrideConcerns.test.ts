import { overrideConcerns } from './overrideConcerns';
import {
  ALICE,
  BOB,
  berlinTwoLayers,
  DAVE,
  ERIN,
} from './__testUtils__/testSchedules';

describe('overrideConcerns', () => {
  it('names who covers, then each person the rotation had on call then', () => {
    // Alice has 2026-03-27 09:00 – 28 09:00, Bob the next day; Dave the
    // nights of that week (22:00–06:00; Carol has the week of 2026-03-30).
    const override = {
      user: ERIN,
      start: '2026-03-27T20:00:00+01:00',
      end: '2026-03-28T12:00:00+01:00',
      reason: 'swap',
    };
    const schedule = { ...berlinTwoLayers, overrides: [override] };
    expect(overrideConcerns(schedule, override)).toEqual([
      ERIN,
      ALICE,
      DAVE,
      BOB,
    ]);
  });

  it('leaves out people another override already relieved', () => {
    const first = {
      user: ERIN,
      start: '2026-03-27T10:00:00+01:00',
      end: '2026-03-27T12:00:00+01:00',
    };
    const later = { ...first, user: BOB };
    const schedule = { ...berlinTwoLayers, overrides: [first, later] };
    expect(overrideConcerns(schedule, later)).toEqual([BOB, ERIN]);
  });
});
