// How fast does the rotation math expand final schedules? Builds 1,000
// schedules of 3 layers each (weekly in Europe/Berlin, daily in
// America/New_York, 8-hour follow-the-sun with restrictions in Asia/Tokyo)
// with 12 overrides each, expands one year of each with the common package's
// `finalSchedule` (the code the backend, the card and the calendar feed use),
// and prints the time and the shifts per second. Also times `onCallAt` for one
// instant per schedule, the question the entity page asks.
//
//   node bench/oncall-expansion/run.mjs [--schedules 1000] [--days 365]
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));
rootRequire('@backstage/cli-node/config/nodeTransform.cjs');
const { finalSchedule, onCallAt } = rootRequire(
  path.join(ROOT, 'plugins/reliability-common/src/oncall/index.ts'),
);

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCHEDULES = arg('schedules', 1000);
const DAYS = arg('days', 365);
const DAY = 24 * 60 * 60 * 1000;
const start = Date.parse('2026-01-05T00:00:00Z');
const users = n => Array.from({ length: n }, (_, i) => `user:default/u${i}`);

function schedule(i) {
  const people = users(6 + (i % 5)).map(u => `${u}-${i}`);
  return {
    name: `bench-${i}`,
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
    overrides: Array.from({ length: 12 }, (_, k) => ({
      user: people[(k + 1) % people.length],
      start: new Date(start + (k * 30 + (i % 7)) * DAY).toISOString(),
      end: new Date(
        start + (k * 30 + (i % 7)) * DAY + 6 * 3600_000,
      ).toISOString(),
    })),
  };
}

const schedules = Array.from({ length: SCHEDULES }, (_, i) => schedule(i));
const range = {
  start: new Date(start).toISOString(),
  end: new Date(start + DAYS * DAY).toISOString(),
};

// Warm up the JIT on a few schedules first.
for (const s of schedules.slice(0, 20)) finalSchedule(s, range);

const memoryBefore = process.memoryUsage().rss;
let shifts = 0;
const t0 = performance.now();
for (const s of schedules) shifts += finalSchedule(s, range).length;
const expandMs = performance.now() - t0;

const instant = new Date(start + 200 * DAY + 3 * 3600_000).toISOString();
const t1 = performance.now();
for (const s of schedules) onCallAt(s, instant);
const lookupMs = performance.now() - t1;

const fmt = n => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(
  `On-call expansion — ${new Date().toISOString()}, Node ${process.version}`,
);
console.log(
  `${fmt(SCHEDULES)} schedules × 3 layers + 12 overrides, ${DAYS} days each\n`,
);
console.log('what                         figure');
console.log('---------------------------  ----------------');
console.log(
  `final schedules expanded     ${fmt(expandMs)} ms (${fmt(
    expandMs / SCHEDULES,
  )} ms per schedule-year)`,
);
console.log(`shifts produced              ${fmt(shifts)}`);
console.log(`shifts per second            ${fmt(shifts / (expandMs / 1000))}`);
console.log(
  `onCallAt, one per schedule   ${fmt(lookupMs)} ms (${fmt(
    (lookupMs / SCHEDULES) * 1000,
  )} µs each)`,
);
console.log(
  `RSS growth during the run    ${fmt(
    (process.memoryUsage().rss - memoryBefore) / 1048576,
  )} MiB`,
);
