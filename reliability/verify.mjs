#!/usr/bin/env node
// Checks the database directly, after a load or a crash:
//  - every acknowledged write (from --acks) is stored exactly once, with the same content;
//  - referential integrity: no action item, note, override or postmortem link points
//    at a missing record, and no postmortem lacks its incidents (half-written);
//  - with --before FILE: the migrations table and the demo records did not shrink
//    (migrations did not re-run destructively).
// Answers JSON on stdout (or --out); exits 1 when a check fails.
//
//   node reliability/verify.mjs --db sqlite:/path/reliability.sqlite --acks acks.jsonl
//   node reliability/verify.mjs --db postgresql://postgres@127.0.0.1:5432/backstage_plugin_reliability ...
//   node reliability/verify.mjs --db ... --snapshot before.json     (records counts only)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import knexFactory from 'knex';
import { parseArgs } from './lib/client.mjs';

const args = parseArgs(process.argv.slice(2));
const db = String(args.db);
const knex = knexFactory(
  db.startsWith('sqlite:')
    ? {
        client: 'better-sqlite3',
        connection: { filename: db.slice('sqlite:'.length), readonly: true },
        useNullAsDefault: true,
      }
    : { client: 'pg', connection: db, pool: { min: 0, max: 2 } },
);

const TABLES = [
  'incidents',
  'incident_events',
  'postmortems',
  'postmortem_incidents',
  'action_items',
  'schedules',
  'schedule_overrides',
  'audit_log',
  'knex_migrations',
];

async function counts() {
  const out = {};
  for (const table of TABLES) {
    const [{ n }] = await knex(table).count({ n: '*' });
    out[table] = Number(n);
  }
  return out;
}

const INTEGRITY = {
  'action items without their postmortem':
    'SELECT COUNT(*) AS n FROM action_items a LEFT JOIN postmortems p ON p.id = a.postmortem_id WHERE p.id IS NULL',
  'incident events without their incident':
    'SELECT COUNT(*) AS n FROM incident_events e LEFT JOIN incidents i ON i.id = e.incident_id WHERE i.id IS NULL',
  'postmortem links without their incident':
    'SELECT COUNT(*) AS n FROM postmortem_incidents l LEFT JOIN incidents i ON i.id = l.incident_id WHERE i.id IS NULL',
  'postmortem links without their postmortem':
    'SELECT COUNT(*) AS n FROM postmortem_incidents l LEFT JOIN postmortems p ON p.id = l.postmortem_id WHERE p.id IS NULL',
  'postmortems without any incident (half-written)':
    'SELECT COUNT(*) AS n FROM postmortems p WHERE NOT EXISTS (SELECT 1 FROM postmortem_incidents l WHERE l.postmortem_id = p.id)',
  'overrides without their schedule':
    'SELECT COUNT(*) AS n FROM schedule_overrides o LEFT JOIN schedules s ON s.id = o.schedule_id WHERE s.id IS NULL',
  'action items whose entity differs from their postmortem':
    'SELECT COUNT(*) AS n FROM action_items a JOIN postmortems p ON p.id = a.postmortem_id WHERE a.entity_ref <> p.entity_ref',
};

async function integrity() {
  const out = {};
  for (const [name, sql] of Object.entries(INTEGRITY)) {
    const rows = await knex.raw(sql);
    const row = Array.isArray(rows) ? rows[0] : rows.rows[0];
    out[name] = Number(row.n);
  }
  return out;
}

/** Rows whose marker column equals one of the markers, grouped by marker. */
async function rowsByMarker(table, column, markers, extra) {
  const found = new Map();
  for (let i = 0; i < markers.length; i += 500) {
    const rows = await knex(table)
      .whereIn(column, markers.slice(i, i + 500))
      .select(column, ...extra);
    for (const row of rows) {
      const list = found.get(row[column]) ?? [];
      list.push(row);
      found.set(row[column], list);
    }
  }
  return found;
}

const result = { counts: await counts() };
if (args.snapshot) {
  writeFileSync(args.snapshot, JSON.stringify(result.counts, null, 2));
  await knex.destroy();
  console.log(JSON.stringify(result));
  process.exit(0);
}

const failures = [];
result.integrity = await integrity();
for (const [name, n] of Object.entries(result.integrity)) {
  if (n > 0) failures.push(`${n} ${name}`);
}

if (args.acks) {
  const acks = existsSync(args.acks)
    ? readFileSync(args.acks, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(l => JSON.parse(l))
    : [];
  const byKind = kind => acks.filter(a => a.kind === kind);
  const checks = [
    [
      'note',
      'incident_events',
      'message',
      ['incident_id'],
      (a, row) => row.incident_id === a.incidentId,
    ],
    [
      'actionItem',
      'action_items',
      'title',
      ['postmortem_id', 'id'],
      (a, row) =>
        row.postmortem_id === a.postmortemId && (!a.id || row.id === a.id),
    ],
    [
      'override',
      'schedule_overrides',
      'reason',
      ['schedule_id'],
      (a, row) => row.schedule_id === a.scheduleId,
    ],
  ];
  result.writes = {
    acknowledged: acks.length,
    foundOnce: 0,
    missing: 0,
    duplicated: 0,
    wrongContent: 0,
  };
  for (const [kind, table, column, extra, matches] of checks) {
    const list = byKind(kind);
    const found = await rowsByMarker(
      table,
      column,
      list.map(a => a.marker),
      extra,
    );
    for (const a of list) {
      const rows = found.get(a.marker) ?? [];
      if (rows.length === 0) result.writes.missing++;
      else if (rows.length > 1) result.writes.duplicated++;
      else if (!matches(a, rows[0])) result.writes.wrongContent++;
      else result.writes.foundOnce++;
    }
  }
  const w = result.writes;
  if (w.missing || w.duplicated || w.wrongContent) {
    failures.push(
      `acknowledged writes: ${w.missing} missing, ${w.duplicated} stored twice, ${w.wrongContent} with other content`,
    );
  }
}

if (args.before) {
  const before = JSON.parse(readFileSync(args.before, 'utf8'));
  result.before = before;
  for (const table of TABLES) {
    if (result.counts[table] < before[table]) {
      failures.push(
        `${table} shrank from ${before[table]} to ${result.counts[table]} rows`,
      );
    }
  }
  if (result.counts.knex_migrations !== before.knex_migrations) {
    failures.push(
      `knex_migrations changed from ${before.knex_migrations} to ${result.counts.knex_migrations} rows`,
    );
  }
}

result.failures = failures;
await knex.destroy();
if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2));
console.log(
  `verify: ${failures.length ? 'FAILED' : 'ok'}` +
    (result.writes
      ? `; writes acknowledged ${result.writes.acknowledged}, found exactly once ${result.writes.foundOnce}`
      : '') +
    `; integrity ${JSON.stringify(result.integrity)}` +
    (failures.length ? `\n  ${failures.join('\n  ')}` : ''),
);
process.exit(failures.length ? 1 : 0);
