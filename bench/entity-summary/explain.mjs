// Why is the entity summary as fast or slow as it is? Loads the plugin's own
// stores (plugins/reliability-backend/src/**/Database*Store.ts, through the same
// TypeScript transform `yarn start` uses), calls every `getEntitySummary` on the
// seeded database with knex's query events on, and for each SQL statement the
// summary really runs prints SQLite's EXPLAIN QUERY PLAN and its median time.
//
// How to read it: "SEARCH … USING INDEX x (entity_ref=?)" followed by columns
// the index does not hold means one table lookup per matching row (thousands
// for a hot component); "USE TEMP B-TREE FOR ORDER BY" means every matching row
// is fetched and sorted before LIMIT applies; "COVERING INDEX" means no table
// lookups at all.
//
// Standalone: `node bench/entity-summary/explain.mjs` (needs the seeded database).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DB_FILE,
  knexFactory,
  ROOT,
  rootRequire,
  SEED_META_FILE,
} from './lib.mjs';

const SRC = path.join(ROOT, 'plugins/reliability-backend/src');
const REPEAT = 15;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function ms(value) {
  return `${value.toFixed(2).padStart(7)} ms`;
}

/** knex's better-sqlite3 client binds Dates as epoch milliseconds and booleans as 0/1. */
function toBinding(value) {
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return Number(value);
  return value;
}

function timeStatement(db, sql, bindings) {
  const stmt = db.prepare(sql);
  const reader = stmt.reader;
  const run = () => (reader ? stmt.all(bindings) : stmt.run(bindings));
  run();
  const times = [];
  let rows = 0;
  for (let i = 0; i < REPEAT; i++) {
    const t = process.hrtime.bigint();
    const result = run();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    rows = Array.isArray(result) ? result.length : 0;
  }
  return { ms: median(times), rows };
}

function plan(db, sql, bindings) {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(bindings)
    .map(r => r.detail);
}

function findStoreFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findStoreFiles(full));
    else if (/^Database\w*Store\.ts$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** The plugin's stores that have a getEntitySummary, created on `knex`. */
function loadSummaryStores(knex, log) {
  rootRequire('@backstage/cli-node/config/nodeTransform.cjs');
  const stores = [];
  for (const file of findStoreFiles(SRC)) {
    let mod;
    try {
      mod = rootRequire(file);
    } catch (e) {
      log(
        `  (could not load ${path.relative(ROOT, file)}: ${
          e.message.split('\n')[0]
        })`,
      );
      continue;
    }
    for (const [name, value] of Object.entries(mod)) {
      if (
        typeof value?.create === 'function' &&
        typeof value.prototype?.getEntitySummary === 'function'
      ) {
        stores.push({ name, store: value.create({ knex }) });
      }
    }
  }
  return stores;
}

/** Both stores' option names as of today; a superset, so either signature is served. */
function summaryOptions() {
  const now = new Date();
  return {
    now,
    today: now.toISOString().slice(0, 10),
    recentLimit: 5,
    limit: 5,
  };
}

export async function explainCurrent({ targets, log = console.log }) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: DB_FILE, options: { readonly: true } },
    useNullAsDefault: true,
  });
  const captured = [];
  knex.on('query', q => captured.push(q));
  const report = [];
  try {
    const stores = loadSummaryStores(knex, log);
    if (!stores.length) {
      log('  no store with getEntitySummary found');
      return report;
    }
    const db = await knex.client.acquireConnection();
    knex.client.releaseConnection(db);
    for (const target of targets) {
      log(
        `\n${target.label}: ${
          target.entityRef
        } (${target.incidents.toLocaleString(
          'en',
        )} incidents, ${target.actionItems.toLocaleString('en')} action items)`,
      );
      for (const { name, store } of stores) {
        captured.length = 0;
        await store.getEntitySummary(target.entityRef, summaryOptions());
        const queries = [...captured];
        const times = [];
        for (let i = 0; i < REPEAT; i++) {
          const t = process.hrtime.bigint();
          await store.getEntitySummary(target.entityRef, summaryOptions());
          times.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        log(
          `  ${name}.getEntitySummary: median ${median(times).toFixed(
            2,
          )} ms for ${queries.length} queries`,
        );
        report.push({ target: target.label, store: name, ms: median(times) });
        for (const q of queries) {
          const bindings = q.bindings.map(toBinding);
          (target.queries ??= []).push([
            `${name}: ${q.sql.slice(0, 60)}…`,
            q.sql,
            bindings,
          ]);
          const t = timeStatement(db, q.sql, bindings);
          log(`  ${ms(t.ms)}  ${q.sql}`);
          for (const line of plan(db, q.sql, bindings))
            log(`               ${line}`);
        }
      }
    }
  } finally {
    await knex.destroy();
  }
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const meta = JSON.parse(fs.readFileSync(SEED_META_FILE, 'utf8'));
  const targets = [
    { label: 'hot', ...meta.targets.hot },
    { label: 'typical', ...meta.targets.typical },
  ];
  console.log('== The summary queries as the plugin runs them today ==');
  await explainCurrent({ targets });
}
