// How fast does the rotation math expand final schedules? Builds 1,000
// schedules of 3 layers each (weekly in Europe/Berlin, daily in
// America/New_York, 8-hour follow-the-sun with restrictions in Asia/Tokyo)
// with 12 overrides each, expands one year of each with the common package's
// `finalSchedule` (the code the backend, the card and the calendar feed use),
// and prints the time and the shifts per second. Also times `onCallAt` for one
// instant per schedule, the question the entity page asks. Both are timed
// side by side with the reference implementation the property test compares
// against (the rotation math as it was before it was made fast), in
// alternating rounds of the same run, best round of each: the ratio holds on
// a busy machine, where the absolute figures do not.
//
// Then: does a hostile schedule cost more than a plain one? Side by side, in
// the same run, per schedule: `onCallAt` (the card and /oncall) and a 60-day
// `finalSchedule` (the calendar feed) for a plain weekly schedule, for the
// schedule of 1000-week turns with 20 restriction windows in three layers
// that once took 3-7 s per question, and for one at every limit built to make
// the math work hardest (its `onCallAt` searches 400 days around the
// instant). Each is timed cold (first question for that schedule and its
// zones' rules) and warm (median of --repeat more), with the zone look-ups
// of the cold run.
//
//   node bench/oncall-expansion/run.mjs [--schedules 1000] [--days 365] [--repeat 20] [--rounds 3]
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchSchedule, SCHEDULE_START } from './schedules.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));
rootRequire('@backstage/cli-node/config/nodeTransform.cjs');
const ONCALL = path.join(ROOT, 'plugins/reliability-common/src/oncall');
const { finalSchedule, onCallAt, validateSchedule } = rootRequire(
  path.join(ONCALL, 'index.ts'),
);
const { referenceFinalSchedule, referenceOnCallAt } = rootRequire(
  path.join(ONCALL, '__testUtils__/referenceSchedule.ts'),
);
// luxon as the common package resolves it, to count its zone look-ups.
const { IANAZone } = createRequire(
  path.join(ROOT, 'plugins/reliability-common/package.json'),
)('luxon');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCHEDULES = arg('schedules', 1000);
const REPEAT = arg('repeat', 20);
const DAYS = arg('days', 365);
const DAY = 24 * 60 * 60 * 1000;
const start = SCHEDULE_START;
const users = n => Array.from({ length: n }, (_, i) => `user:default/u${i}`);

const schedule = i =>
  benchSchedule(i, { people: users(6 + (i % 5)).map(u => `${u}-${i}`) });

const schedules = Array.from({ length: SCHEDULES }, (_, i) => schedule(i));
const range = {
  start: new Date(start).toISOString(),
  end: new Date(start + DAYS * DAY).toISOString(),
};

const instant = new Date(start + 200 * DAY + 3 * 3600_000).toISOString();
const ROUNDS = arg('rounds', 3);
const implementations = {
  fast: { finalSchedule, onCallAt },
  reference: {
    finalSchedule: referenceFinalSchedule,
    onCallAt: referenceOnCallAt,
  },
};

/** One round of one implementation: a year of every schedule, then onCallAt. */
function round({ finalSchedule: expand, onCallAt: ask }) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let shifts = 0;
  const t0 = performance.now();
  for (const s of schedules) shifts += expand(s, range).length;
  const expandMs = performance.now() - t0;
  const t1 = performance.now();
  for (const s of schedules) ask(s, instant);
  const lookupMs = performance.now() - t1;
  return {
    shifts,
    expandMs,
    lookupMs,
    rssGrowth: process.memoryUsage().rss - rssBefore,
  };
}

const best = { fast: undefined, reference: undefined };
const rssAfterRounds = [];
for (let r = 0; r <= ROUNDS; r++) {
  for (const [name, impl] of Object.entries(implementations)) {
    const result = round(impl);
    // Round 0 warms up the JIT and the zones' rules.
    if (r > 0) {
      const previous = best[name];
      best[name] = previous
        ? {
            shifts: result.shifts,
            expandMs: Math.min(previous.expandMs, result.expandMs),
            lookupMs: Math.min(previous.lookupMs, result.lookupMs),
            rssGrowth: Math.max(previous.rssGrowth, result.rssGrowth),
          }
        : result;
    }
  }
  rssAfterRounds.push(process.memoryUsage().rss);
}
if (best.fast.shifts !== best.reference.shifts) {
  throw new Error(
    `The implementations disagree: ${best.fast.shifts} against ${best.reference.shifts} shifts`,
  );
}

const fmt = n => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const MiB = n => `${fmt(n / 1048576)} MiB`;
console.log(
  `On-call expansion — ${new Date().toISOString()}, Node ${process.version}`,
);
console.log(
  `${fmt(
    SCHEDULES,
  )} schedules × 3 layers + 12 overrides, ${DAYS} days each; best of ${ROUNDS} alternating rounds\n`,
);
const rows = [
  [
    `finalSchedule, ${fmt(SCHEDULES)} schedule-years`,
    t => `${fmt(t.expandMs)} ms`,
    t => t.expandMs,
  ],
  [
    'shifts per second',
    t => fmt(Math.round(t.shifts / (t.expandMs / 1000))),
    t => t.expandMs,
  ],
  [
    'onCallAt, per schedule',
    t => `${fmt((t.lookupMs / SCHEDULES) * 1000)} µs`,
    t => t.lookupMs,
  ],
  ['RSS growth in a round (max)', t => MiB(t.rssGrowth)],
];
console.log(
  `${'what'.padEnd(34)}  ${'fast'.padStart(14)}  ${'reference'.padStart(
    14,
  )}  × faster`,
);
console.log(
  `${'-'.repeat(34)}  ${'-'.repeat(14)}  ${'-'.repeat(14)}  ----------------`,
);
for (const [what, show, cost] of rows) {
  const ratio = cost
    ? `${(cost(best.reference) / cost(best.fast)).toFixed(1)}×`
    : '';
  console.log(
    `${what.padEnd(34)}  ${show(best.fast).padStart(14)}  ${show(
      best.reference,
    ).padStart(14)}  ${ratio}`,
  );
}
console.log(
  `shifts in a schedule-year          ${fmt(best.fast.shifts / SCHEDULES)}`,
);
console.log(
  `RSS after each round               ${rssAfterRounds.map(MiB).join(', ')}`,
);

// --- A hostile schedule against a plain one -------------------------------

const pad = n => String(n).padStart(2, '0');
const hhmm = m =>
  m === 1440 ? '24:00' : `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
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

const plain = {
  name: 'plain',
  timeZone: 'Europe/Berlin',
  layers: [
    {
      name: 'weekly',
      participants: users(4),
      rotation: { length: 1, unit: 'weeks' },
      handoff: { time: '09:00', weekday: 1 },
      start: '2026-01-05',
    },
  ],
  overrides: [],
};

const twentyRestrictions = {
  name: 'twenty-restrictions',
  timeZone: 'Europe/Berlin',
  layers: ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'].map(
    (timeZone, i) => ({
      name: `long-${i}`,
      participants: users(3),
      rotation: { length: 1000, unit: 'weeks' },
      handoff: { time: '09:00', weekday: 1 },
      start: '2020-01-06',
      restrictions: Array.from({ length: 20 }, (_, r) => ({
        weekdays: [1 + (r % 7)],
        from: `${pad(r)}:00`,
        to: `${pad(r)}:59`,
        timeZone,
      })),
    }),
  ),
  overrides: [],
};

const askedAt = Date.parse('2026-12-06T12:00:00Z');
const atLimits = {
  name: 'at-limits',
  timeZone: 'Europe/Berlin',
  // Windows that tile the day, and one person a hundred times on top: one
  // unbroken shift runs until the overrides, 300 days later.
  layers: Array.from({ length: 10 }, (_, i) => ({
    name: `layer-${i}`,
    participants:
      i === 9
        ? Array(100).fill('user:default/sam')
        : users(100).map(u => `${u}-${i}`),
    rotation:
      i % 2 ? { length: 1, unit: 'hours' } : { length: 1000, unit: 'weeks' },
    handoff: i % 2 ? { time: '09:00' } : { time: '09:00', weekday: 1 },
    start: '2020-01-06',
    restrictions: Array.from({ length: 28 }, (_, r) => ({
      from: hhmm(Math.floor((r * 1440) / 28)),
      to: hhmm(Math.floor(((r + 1) * 1440) / 28)),
      timeZone: i === 9 ? 'Europe/Berlin' : ZONES[(i + r) % 10],
    })),
  })),
  overrides: Array.from({ length: 500 }, (_, k) => ({
    user: 'user:default/o',
    start: new Date(askedAt + 300 * DAY + k * 3600_000).toISOString(),
    end: new Date(askedAt + 300 * DAY + k * 3600_000 + 1800_000).toISOString(),
  })),
};
if (validateSchedule(atLimits).length) {
  throw new Error(JSON.stringify(validateSchedule(atLimits)));
}

/** Cold time and zone look-ups of the first run, median of the next ones. */
function time(work) {
  const offset = IANAZone.prototype.offset;
  let lookups = 0;
  IANAZone.prototype.offset = function count(ts) {
    lookups++;
    return offset.call(this, ts);
  };
  const t0 = performance.now();
  try {
    work();
  } finally {
    IANAZone.prototype.offset = offset;
  }
  const cold = performance.now() - t0;
  const warm = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    work();
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  return { cold, warm: warm[Math.floor(warm.length / 2)], lookups };
}

const asked = new Date(askedAt).toISOString();
const feed = {
  start: asked,
  end: new Date(askedAt + 60 * DAY).toISOString(),
};
const hostile = [plain, twentyRestrictions, atLimits].map(s => ({
  name: s.name,
  onCallAt: time(() => onCallAt(s, asked)),
  feed: time(() => finalSchedule(s, feed)),
}));

const ms = n => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const cell = (t, base) =>
  `${ms(t.warm)} (${(t.warm / base.warm).toFixed(1)}×), cold ${ms(
    t.cold,
  )}, ${fmt(t.lookups)} look-ups`;
console.log(
  `\nA hostile schedule against a plain one (warm: median of ${REPEAT}; × plain)\n`,
);
console.log(
  'schedule              onCallAt                                         60-day feed',
);
console.log(
  '--------------------  -----------------------------------------------  -----------------------------------------------',
);
for (const row of hostile) {
  console.log(
    `${row.name.padEnd(20)}  ${cell(row.onCallAt, hostile[0].onCallAt).padEnd(
      47,
    )}  ${cell(row.feed, hostile[0].feed)}`,
  );
}

// --- GET /oncall's computation, with and without remembered answers --------
//
// What `GET /oncall` computes for every schedule (who is on call now and
// next), through the backend's ScheduleService with the schedules above as
// stored records: first answered (nothing remembered), then asked again a
// minute later (answers remembered until each schedule's next hand-off).

const { ScheduleService } = rootRequire(
  path.join(ROOT, 'plugins/reliability-backend/src/oncall/ScheduleService.ts'),
);
const records = schedules.map((s, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: s.name,
  ownerRef: 'group:default/bench',
  schedule: s,
  escalationPolicy: null,
  createdAt: range.start,
  updatedAt: range.start,
  version: 1,
}));
const store = {
  changeStamp: async () => 1,
  listSchedules: async ({ after, limit } = {}) => {
    const from = after ? records.findIndex(r => r.id === after.id) + 1 : 0;
    return records.slice(from, limit ? from + limit : undefined);
  },
};
const askedOnCall = Date.parse(instant);
const service = () => ScheduleService.create({ store, catalog: {}, auth: {} });
const coldTimes = [];
const warmTimes = [];
for (let r = 0; r < Math.max(3, ROUNDS); r++) {
  const fresh = service();
  let t = performance.now();
  await fresh.onCallNow({ at: new Date(askedOnCall + r * 60_000) });
  coldTimes.push(performance.now() - t);
  t = performance.now();
  await fresh.onCallNow({ at: new Date(askedOnCall + r * 60_000 + 60_000) });
  warmTimes.push(performance.now() - t);
}
const median = list =>
  [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(
  `\nGET /oncall's computation for ${fmt(SCHEDULES)} schedules (median of ${
    coldTimes.length
  })\n`,
);
console.log('answers                         time');
console.log('------------------------------  ----------------');
console.log(`computed (first request)        ${fmt(median(coldTimes))} ms`);
console.log(
  `remembered (a minute later)     ${fmt(median(warmTimes))} ms (${(
    median(coldTimes) / median(warmTimes)
  ).toFixed(0)}× less)`,
);
