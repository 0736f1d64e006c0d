// Stores the on-call schedules of the routes benchmarks in the reliability
// plugin's database (already migrated), through the knex instance given:
// better-sqlite3 or pg alike. The mix is that of `oncall-expansion/` (three
// layers with restrictions in other zones, 12 overrides, hand-offs every 8
// hours, every day and every week), owned by the 50 groups of the
// entity-summary catalog (`group:default/team-00` …) and rotating their
// members (`user:default/bench-user-000` …, ten per group); every fourth
// schedule has an escalation policy naming itself, the next group's
// schedule and a user.
//
// Rows are made by the plugin's own `scheduleColumns` and `overrideRow`, so
// they are stored exactly as `POST /schedules` stores them. Idempotent: the
// schedules named `bench-…` and everything hanging off them are deleted
// first, in the same transaction as the inserts.
//
//   import { seedSchedules } from '../routes/seedSchedules.mjs';
//   const { names } = await seedSchedules(knex, { count: 1000, log: console.log });
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchSchedule } from '../oncall-expansion/schedules.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));
rootRequire('@backstage/cli-node/config/nodeTransform.cjs');
const ONCALL = path.join(ROOT, 'plugins/reliability-backend/src/oncall');
const { scheduleColumns, overrideRow } = rootRequire(
  path.join(ONCALL, 'scheduleRows.ts'),
);
const { hashFeedToken, newFeedToken } = rootRequire(
  path.join(ONCALL, 'feedTokens.ts'),
);

/** What every seeded schedule's name starts with (and what is deleted). */
export const SCHEDULE_PREFIX = 'bench-';
const MEMBERS_PER_GROUP = 10;
const ACTOR = 'user:default/bench-seeder';
/** Rows per INSERT: well under SQLite's and PostgreSQL's bound parameters. */
const BATCH = 100;

/** The name of seeded schedule `i` (0-based): `bench-oncall-0000` … */
export function scheduleName(i) {
  return `${SCHEDULE_PREFIX}oncall-${String(i).padStart(4, '0')}`;
}

/** The names of the first `count` seeded schedules. */
export function scheduleNames(count = 1000) {
  return Array.from({ length: count }, (_, i) => scheduleName(i));
}

/** The owner group of seeded schedule `i`, as entity-summary's catalog names it. */
export function scheduleOwner(i, groups = 50) {
  return `group:default/team-${String(i % groups).padStart(2, '0')}`;
}

/** Member `k` of group `g`: `user:default/bench-user-NNN`. */
export function benchUser(g, k) {
  return `user:default/bench-user-${String(g * MEMBERS_PER_GROUP + k).padStart(
    3,
    '0',
  )}`;
}

function escalationPolicy(i, count, groups) {
  if (i % 4 !== 0) {
    return null;
  }
  // Schedule i + 1 belongs to the next group (or to the same one when there
  // is just one group).
  const other = scheduleName((i + 1) % count);
  return {
    levels: [
      { delayMinutes: 0, target: { schedule: scheduleName(i) } },
      { delayMinutes: 15, target: { schedule: other } },
      { delayMinutes: 30, target: { user: benchUser(i % groups, 9) } },
    ],
    repeat: 1,
  };
}

function chunks(rows) {
  const out = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    out.push(rows.slice(i, i + BATCH));
  }
  return out;
}

/**
 * Deletes the seeded schedules, then stores `count` of them owned by
 * `groups` groups; one transaction. Answers the names, in order of `i`.
 */
export async function seedSchedules(
  knex,
  { count = 1000, groups = 50, log = () => {} } = {},
) {
  const t0 = performance.now();
  const now = new Date();
  const schedules = [];
  const overrides = [];
  for (let i = 0; i < count; i++) {
    const g = i % groups;
    // Ten members, starting at a different one in each of the group's schedules.
    const members = Array.from({ length: MEMBERS_PER_GROUP }, (_, k) =>
      benchUser(g, (k + Math.floor(i / groups)) % MEMBERS_PER_GROUP),
    );
    const schedule = benchSchedule(i, {
      name: scheduleName(i),
      people: members.slice(0, 6 + (i % 5)),
    });
    const id = randomUUID();
    schedules.push({
      id,
      ...scheduleColumns({
        ...schedule,
        ownerRef: scheduleOwner(i, groups),
        escalationPolicy: escalationPolicy(i, count, groups),
      }),
      feed_token_sha256: hashFeedToken(newFeedToken()),
      feed_nonce: newFeedToken(),
      created_at: now,
      updated_at: now,
      version: 1,
    });
    for (const o of schedule.overrides) {
      overrides.push(overrideRow(id, o, ACTOR, now));
    }
  }

  let deleted = 0;
  await knex.transaction(async tx => {
    const seeded = tx('schedules')
      .where('name', 'like', `${SCHEDULE_PREFIX}%`)
      .select('id');
    // Not every database enforces the foreign keys' cascade.
    for (const table of [
      'schedule_overrides',
      'schedule_feed_holders',
      'schedule_swap_requests',
      'schedule_handoff_notes',
    ]) {
      await tx(table).whereIn('schedule_id', seeded.clone()).delete();
    }
    deleted = await tx('schedules')
      .where('name', 'like', `${SCHEDULE_PREFIX}%`)
      .delete();
    for (const batch of chunks(schedules)) {
      await tx('schedules').insert(batch);
    }
    for (const batch of chunks(overrides)) {
      await tx('schedule_overrides').insert(batch);
    }
  });
  log(
    `seeded ${count} on-call schedules (${
      overrides.length
    } overrides, ${groups} groups; ${deleted} deleted first) in ${Math.round(
      performance.now() - t0,
    )} ms`,
  );
  return { names: schedules.map(s => s.name), ids: schedules.map(s => s.id) };
}
