// What does reading the built-in push source cost one evaluation cycle, and
// how long does one of its queries hold the event loop on SQLite (where
// `better-sqlite3` answers on the loop)? Seeds the plugin's database (SQLite
// in a file, or PostgreSQL with --pg <url>) with N Occurrences SLOs, each with
// pushed 5-minute buckets over the last --days, and reads every SLO's windows
// (the SLO window and the burn-rate windows, as the evaluator asks) two ways,
// in alternating rounds on the same data:
//   - one query per SLO (`sumSamples` with one target each: how the source
//     read until it summed several SLOs per query);
//   - `PushSliSource.query` with every SLO at once, as the evaluator calls it.
// Prints the cycle's wall time and CPU for each, their ratio, the statements
// run, and the event loop's longest delay meanwhile (on SQLite the queries
// take turns with the loop, as the plugin's do in the backend).
//
//   node bench/push-evaluation/run.mjs [--pg postgresql://…/db] [--slos 3000] [--days 2] [--rounds 3]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));
rootRequire('@backstage/cli-node/config/nodeTransform.cjs');
const pluginRequire = createRequire(
  path.join(ROOT, 'plugins/reliability-backend/package.json'),
);
const backend = file =>
  rootRequire(path.join(ROOT, 'plugins/reliability-backend/src', file));
const { applyDatabaseMigrations } = backend('database/migrations.ts');
const { takeTurnsOnSqlite } = backend('database/turnsOnSqlite.ts');
const { DatabaseSloStore } = backend('slo/store/DatabaseSloStore.ts');
const { PushSliSource } = backend('slo/push/PushSliSource.ts');
const { parseOpenSlo } = backend('slo/parse/index.ts');
const { evaluationItem } = backend('slo/evaluation/sloQueries.ts');
const knexFactory = pluginRequire('knex');

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const PG = option('pg');
const SLOS = Number(option('slos', 3000));
const DAYS = Number(option('days', 2));
const ROUNDS = Number(option('rounds', 3));
const BUCKET = 300;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'push-evaluation-'));
const knex = knexFactory(
  PG
    ? { client: 'pg', connection: PG, pool: { min: 0, max: 10 } }
    : {
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'reliability.sqlite') },
        useNullAsDefault: true,
      },
);

const [definition] = parseOpenSlo(
  `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  service: bench
  indicator:
    metadata: { name: availability-requests }
    spec:
      ratioMetric:
        good: { metricSource: { type: push, spec: {} } }
        total: { metricSource: { type: push, spec: {} } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: OK, target: 0.999 }]
`,
  'openslo.yaml',
).slos;
const now = new Date(Math.floor(Date.now() / 1000 / BUCKET) * BUCKET * 1000);
const entityRef = i => `component:default/bench-${String(i).padStart(5, '0')}`;
const queries = Array.from(
  { length: SLOS },
  (_, i) =>
    evaluationItem(
      { entityRef: entityRef(i), owner: 'group:default/bench' },
      definition,
      0,
      now,
    ).query,
);

async function seed() {
  await knex('sli_samples').delete();
  const end = now.getTime() / 1000;
  const perSlo = (DAYS * 86400) / BUCKET;
  const updatedAt = new Date();
  let rows = [];
  for (let i = 0; i < SLOS; i++) {
    for (let b = 1; b <= perSlo; b++) {
      rows.push({
        entity_ref: entityRef(i),
        slo_name: 'availability',
        bucket_start: end - b * BUCKET,
        bucket_seconds: BUCKET,
        good: 999 - (b % 3),
        total: 1000,
        updated_at: updatedAt,
      });
    }
    if (rows.length >= 20_000 || i === SLOS - 1) {
      await knex.batchInsert('sli_samples', rows, 500);
      rows = [];
    }
  }
  return perSlo;
}

/** Runs `read`: its time, CPU, statements and the loop's longest delay. */
async function measure(read) {
  let count = 0;
  const counted = () => count++;
  knex.on('query', counted);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const answers = await read();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  delay.disable();
  knex.off('query', counted);
  const answered = answers.filter(a => a?.slo?.total > 0).length;
  if (answered !== SLOS) throw new Error(`read ${answered} of ${SLOS} SLOs`);
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    longest: delay.max / 1e6,
    count,
  };
}

await applyDatabaseMigrations(knex);
takeTurnsOnSqlite(knex);
const t0 = performance.now();
const perSlo = await seed();
console.log(
  `${
    PG ? 'PostgreSQL' : 'SQLite'
  }: ${SLOS} Occurrences SLOs × ${perSlo} buckets (${(
    (SLOS * perSlo) /
    1e6
  ).toFixed(1)} M rows) seeded in ${((performance.now() - t0) / 1000).toFixed(
    0,
  )} s; windows per SLO: ${queries[0].windows.map(w => w.name).join(', ')}`,
);

const store = DatabaseSloStore.create({ knex });
const source = PushSliSource.create({ store });
const ways = {
  'one query per SLO': () =>
    measure(async () => {
      const answers = [];
      for (const q of queries) {
        const [windows] = await store.sumSamples(
          [{ entityRef: q.entityRef, sloName: q.sloName }],
          now.getTime() / 1000,
          q.windows,
        );
        answers.push(windows);
      }
      return answers;
    }),
  'PushSliSource.query': () =>
    measure(async () =>
      (await source.query(queries)).map(result => result.windows),
    ),
};
const results = Object.fromEntries(Object.keys(ways).map(name => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(ways)) {
    results[name].push(await run());
  }
}
const median = values =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = Object.entries(results).map(([name, runs]) => ({
  name,
  ms: median(runs.map(r => r.ms)),
  cpuMs: median(runs.map(r => r.cpuMs)),
  longest: Math.max(...runs.map(r => r.longest)),
  count: runs[0].count,
}));
const base = rows[0];
console.log(
  `\n| way (median of ${ROUNDS} rounds) | statements | cycle | CPU | loop delay, max | cycle ratio |\n|---|---|---|---|---|---|`,
);
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.count} | ${row.ms.toFixed(
      0,
    )} ms | ${row.cpuMs.toFixed(0)} ms | ${row.longest.toFixed(1)} ms | ${(
      row.ms / base.ms
    ).toFixed(2)} |`,
  );
}
await knex.destroy();
fs.rmSync(dir, { recursive: true, force: true });
