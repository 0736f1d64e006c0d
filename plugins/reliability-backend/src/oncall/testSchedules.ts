import { ScheduleInput } from '@reliability-hub/plugin-reliability-common';

/** Fixtures of the on-call tests. */
export const LENA = 'user:default/lena.hoffmann';
export const JONAS = 'user:default/jonas.weber';
export const PRIYA = 'user:default/priya.raman';

/**
 * Weekly Monday 09:00 Berlin: lena from Mon 2026-11-02, jonas from
 * Mon 2026-11-09, lena again from Mon 2026-11-16, …
 */
export function checkoutSchedule(name = 'checkout-main'): ScheduleInput {
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
export function sreSchedule(): ScheduleInput {
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
