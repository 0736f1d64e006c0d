import { Layer, Schedule } from '../types';

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

/**
 * The schedule that stalled a backend: weekly turns of 1000 weeks with 20
 * one-hour windows, in three layers (one per zone) and an hourly layer on
 * top. A turn is 7,000 days long; the old code made every window of every
 * day of the turn for every question asked.
 */
export const twentyRestrictions: Schedule = {
  name: 'twenty-restrictions',
  timeZone: 'Europe/Berlin',
  layers: ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'].map(
    (timeZone, i): Layer => ({
      name: `long-${i}`,
      participants: [ALICE, BOB, CAROL],
      rotation: { length: 1000, unit: 'weeks' },
      handoff: { time: '09:00', weekday: 1 },
      start: '2020-01-06',
      restrictions: Array.from({ length: 20 }, (_, r) => ({
        weekdays: [1 + (r % 7)],
        from: `${String(r).padStart(2, '0')}:00`,
        to: `${String(r).padStart(2, '0')}:59`,
        timeZone,
      })),
    }),
  ),
  overrides: [],
};

/** Nine zones besides Berlin: as many as a schedule may use. */
export const TEN_ZONES = [
  'Europe/Berlin',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Australia/Sydney',
  'Europe/London',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
];

/** When {@link scheduleAtLimits} is hardest to answer. */
export const ADVERSARIAL_AT = '2026-12-06T12:00:00.000Z';

const hhmm = (minutes: number) =>
  minutes === 1440
    ? '24:00'
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(
        minutes % 60,
      ).padStart(2, '0')}`;

/**
 * A schedule at every limit, built to make the math work hardest: 10 layers
 * of 100 people with 28 windows each that tile the whole day, in 10 zones,
 * hourly and 1000-week rotations, 500 overrides. The top layer has one person
 * a hundred times, so at `ADVERSARIAL_AT` one unbroken shift runs until the
 * overrides 300 days later, and `onCallAt` searches as far as it may.
 */
export function scheduleAtLimits(): Schedule {
  const at = Date.parse(ADVERSARIAL_AT);
  return {
    name: 'at-limits',
    timeZone: 'Europe/Berlin',
    layers: Array.from({ length: 10 }, (_, i): Layer => {
      const hourly = i % 2 === 1;
      return {
        name: `layer-${i}`,
        participants: Array.from({ length: 100 }, (__, p) =>
          i === 9 ? GRACE : `user:default/person-${i}-${p}`,
        ),
        rotation: hourly
          ? { length: 1, unit: 'hours' }
          : { length: 1000, unit: 'weeks' },
        handoff: hourly ? { time: '09:00' } : { time: '09:00', weekday: 1 },
        start: '2020-01-06',
        restrictions: Array.from({ length: 28 }, (__, r) => ({
          from: hhmm(Math.floor((r * 1440) / 28)),
          to: hhmm(Math.floor(((r + 1) * 1440) / 28)),
          timeZone: i === 9 ? 'Europe/Berlin' : TEN_ZONES[(i + r) % 10],
        })),
      };
    }),
    overrides: Array.from({ length: 500 }, (_, k) => ({
      user: FRANK,
      start: new Date(at + 300 * 86_400_000 + k * 3_600_000).toISOString(),
      end: new Date(
        at + 300 * 86_400_000 + k * 3_600_000 + 1_800_000,
      ).toISOString(),
    })),
  };
}
