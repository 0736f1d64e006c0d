import { ScheduleRequest } from '@reliability-hub/plugin-reliability-common';

/** Fixtures of the on-call tests. */
export const LENA = 'user:default/lena.hoffmann';
export const JONAS = 'user:default/jonas.weber';
export const PRIYA = 'user:default/priya.raman';

/**
 * Weekly Monday 09:00 Berlin: lena from Mon 2026-11-02, jonas from
 * Mon 2026-11-09, lena again from Mon 2026-11-16, …
 */
export function checkoutSchedule(name = 'checkout-main'): ScheduleRequest {
  return {
    name,
    ownerRef: 'group:default/team-checkout',
    schedule: {
      name,
      timeZone: 'Europe/Berlin',
      description: 'Checkout on-call',
      layers: [
        {
          name: 'primary',
          participants: [LENA, JONAS],
          rotation: { length: 1, unit: 'weeks' },
          handoff: { time: '09:00', weekday: 1 },
          start: '2026-11-02',
        },
      ],
      overrides: [],
    },
    escalationPolicy: {
      levels: [
        { delayMinutes: 0, target: { schedule: name } },
        { delayMinutes: 10, target: { schedule: 'sre-daily' } },
        { delayMinutes: 20, target: { user: PRIYA } },
      ],
      repeat: 1,
    },
  };
}

/** Daily 09:00 New York, priya only. */
export function sreSchedule(): ScheduleRequest {
  return {
    name: 'sre-daily',
    ownerRef: 'group:default/sre',
    schedule: {
      name: 'sre-daily',
      timeZone: 'America/New_York',
      layers: [
        {
          name: 'daily',
          participants: [PRIYA],
          rotation: { length: 1, unit: 'days' },
          handoff: { time: '09:00' },
          start: '2026-11-01',
        },
      ],
      overrides: [],
    },
    escalationPolicy: null,
  };
}

/**
 * The schedule that stalled a backend: weekly turns of 1000 weeks with 20
 * one-hour windows, in three layers (Berlin, New York, Tokyo).
 */
export function twentyRestrictionSchedule(
  name = 'twenty-restrictions',
): ScheduleRequest {
  return {
    name,
    ownerRef: 'group:default/team-checkout',
    schedule: {
      name,
      timeZone: 'Europe/Berlin',
      layers: ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'].map(
        (timeZone, i) => ({
          name: `long-${i}`,
          participants: [LENA, JONAS, PRIYA],
          rotation: { length: 1000, unit: 'weeks' as const },
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
    },
    escalationPolicy: null,
  };
}

const ZONES = [
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

const hhmm = (minutes: number) =>
  minutes === 1440
    ? '24:00'
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(
        minutes % 60,
      ).padStart(2, '0')}`;

/**
 * A schedule at every limit: 10 layers of 100 people with 28 windows each
 * that tile the day, in 10 zones, hourly and 1000-week rotations, and 500
 * overrides from `overridesFrom` on; the top layer has one person (PRIYA) a
 * hundred times, so her shift runs unbroken until the overrides.
 */
export function scheduleAtLimits(
  overridesFrom: Date,
  name = 'at-limits',
): ScheduleRequest {
  return {
    name,
    ownerRef: 'group:default/team-checkout',
    schedule: {
      name,
      timeZone: 'Europe/Berlin',
      layers: Array.from({ length: 10 }, (_, i) => {
        const hourly = i % 2 === 1;
        return {
          name: `layer-${i}`,
          participants: Array.from({ length: 100 }, (__, p) =>
            i === 9 ? PRIYA : `user:default/person-${i}-${p}`,
          ),
          rotation: hourly
            ? { length: 1, unit: 'hours' as const }
            : { length: 1000, unit: 'weeks' as const },
          handoff: hourly ? { time: '09:00' } : { time: '09:00', weekday: 1 },
          start: '2020-01-06',
          restrictions: Array.from({ length: 28 }, (__, r) => ({
            from: hhmm(Math.floor((r * 1440) / 28)),
            to: hhmm(Math.floor(((r + 1) * 1440) / 28)),
            timeZone: i === 9 ? 'Europe/Berlin' : ZONES[(i + r) % 10],
          })),
        };
      }),
      overrides: Array.from({ length: 500 }, (_, k) => ({
        user: JONAS,
        start: new Date(overridesFrom.getTime() + k * 3_600_000).toISOString(),
        end: new Date(
          overridesFrom.getTime() + k * 3_600_000 + 1_800_000,
        ).toISOString(),
      })),
    },
    escalationPolicy: {
      // Every level asks the same heavy schedule: computed once.
      levels: Array.from({ length: 20 }, (_, k) => ({
        delayMinutes: k,
        target: { schedule: name },
      })),
      repeat: 0,
    },
  };
}
