import { Layer, Schedule } from './types';

/** Schedules shared by the on-call tests. Not exported from the package. */

export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';
export const DAVE = 'user:default/dave';
export const ERIN = 'user:default/erin';
export const FRANK = 'user:default/frank';
export const GRACE = 'user:default/grace';

/** Daily 09:00 hand-off in Berlin; alice takes Fri 2026-03-27 09:00. */
export const berlinPrimary: Layer = {
  name: 'primary',
  participants: [ALICE, BOB],
  rotation: { length: 1, unit: 'days' },
  handoff: { time: '09:00' },
  start: '2026-03-27',
};

/** Weekly Monday 18:00 hand-off, covering only 22:00–06:00 Berlin time. */
export const berlinNights: Layer = {
  name: 'nights',
  participants: [CAROL, DAVE],
  rotation: { length: 1, unit: 'weeks' },
  handoff: { time: '18:00', weekday: 1 },
  start: '2026-03-01',
  restrictions: [{ from: '22:00', to: '06:00' }],
};

/** A 24/7 primary with a night-only layer on top. */
export const berlinTwoLayers: Schedule = {
  name: 'payments',
  timeZone: 'Europe/Berlin',
  layers: [berlinPrimary, berlinNights],
  overrides: [],
};

/** One layer, New York office hours only: gaps at night and weekends. */
export const newYorkOfficeHours: Schedule = {
  name: 'billing',
  timeZone: 'America/New_York',
  layers: [
    {
      name: 'business',
      participants: [ERIN, FRANK],
      rotation: { length: 1, unit: 'weeks' },
      handoff: { time: '09:00', weekday: 1 },
      start: '2026-03-02',
      restrictions: [{ weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }],
    },
  ],
  overrides: [],
};

function region(name: string, timeZone: string, participants: string[]): Layer {
  return {
    name,
    participants,
    rotation: { length: 1, unit: 'weeks' },
    handoff: { time: '00:00', weekday: 1 },
    start: '2026-03-02',
    restrictions: [{ from: '08:00', to: '16:00', timeZone }],
  };
}

/**
 * Follow-the-sun in ONE schedule: each region's layer is restricted to
 * 08:00–16:00 in its own zone; the schedule's zone (UTC) only places the
 * weekly hand-off.
 */
export const followTheSun: Schedule = {
  name: 'platform',
  timeZone: 'UTC',
  layers: [
    region('tokyo', 'Asia/Tokyo', ['user:default/kenji', 'user:default/yui']),
    region('berlin', 'Europe/Berlin', [
      'user:default/anna',
      'user:default/ben',
    ]),
    region('new-york', 'America/New_York', [
      'user:default/nora',
      'user:default/sam',
    ]),
  ],
  overrides: [],
};
