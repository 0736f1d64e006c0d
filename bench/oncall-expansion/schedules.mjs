// The schedules the on-call benchmarks build: three layers each (weekly in
// Europe/Berlin, nightly restricted to New York's night, 8-hour
// follow-the-sun restricted to Tokyo office hours) with 12 six-hour
// overrides over the year. `oncall-expansion/run.mjs` expands them in
// memory; `routes/seedSchedules.mjs` stores them for the backend's routes.

const DAY = 24 * 60 * 60 * 1000;

/** Where the layers start and the overrides are spread from. */
export const SCHEDULE_START = Date.parse('2026-01-05T00:00:00Z');

/**
 * Schedule `i` of the mix, named `name`, rotating `people` (at least six;
 * the layers take overlapping slices of them).
 */
export function benchSchedule(i, { name = `bench-${i}`, people }) {
  return {
    name,
    timeZone: 'Europe/Berlin',
    layers: [
      {
        name: 'weekly',
        participants: people.slice(0, 4),
        rotation: { length: 1, unit: 'weeks' },
        handoff: { time: '09:00', weekday: 1 },
        start: '2026-01-05T09:00:00+01:00',
      },
      {
        name: 'nights',
        participants: people.slice(2, 6),
        rotation: { length: 1, unit: 'days' },
        handoff: { time: '18:00' },
        start: '2026-01-05T18:00:00+01:00',
        restrictions: [
          { from: '18:00', to: '08:00', timeZone: 'America/New_York' },
        ],
      },
      {
        name: 'follow-the-sun',
        participants: people.slice(0, 3),
        rotation: { length: 8, unit: 'hours' },
        handoff: { time: '08:00' },
        start: '2026-01-05T08:00:00+09:00',
        restrictions: [
          {
            weekdays: [1, 2, 3, 4, 5],
            from: '08:00',
            to: '16:00',
            timeZone: 'Asia/Tokyo',
          },
        ],
      },
    ],
    overrides: Array.from({ length: 12 }, (_, k) => {
      const start = SCHEDULE_START + (k * 30 + (i % 7)) * DAY;
      return {
        user: people[(k + 1) % people.length],
        start: new Date(start).toISOString(),
        end: new Date(start + 6 * 3600_000).toISOString(),
      };
    }),
  };
}
