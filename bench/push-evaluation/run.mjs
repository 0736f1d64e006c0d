// What does reading the built-in push source cost one evaluation cycle, and
// how long does the event loop wait meanwhile (on SQLite `better-sqlite3`
// answers on the loop)? Seeds the plugin's database (SQLite in a file, or
// PostgreSQL with --pg <url>) with N Occurrences SLOs, each with 5-minute
// buckets over the last --days pushed through the store (which keeps the
// hourly roll-up), and reads every SLO's windows (the SLO window and the
// burn-rate windows, as the evaluator asks) two ways, in alternating rounds
// on the same data, checking that both give the same sums:
//   - the buckets themselves, one query per SLO: how the source read before
//     the roll-up;
//   - `PushSliSource.query` with every SLO at once, as the evaluator calls it.
// Prints the cycle's wall time and CPU for each, their ratio, the statements
// run, and the event loop's longest delay meanwhile (on SQLite the queries
// take turns with the loop, as the plugin's do in the backend).
//
//   node bench/push-evaluation/run.mjs [--pg postgresql://…/db] [--slos 3000] [--days 28] [--rounds 3]
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
const DAYS = Number(option('days', 28));
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

/** Pushes each SLO's buckets through the store, a week per request. */
async function seed(store) {
  for (const table of ['sli_samples', 'sli_sample_hours', 'sli_sample_series'])
    await knex(table).delete();
  const end = now.getTime() / 1000;
  const perSlo = (DAYS * 86400) / BUCKET;
  const buckets = Array.from({ length: perSlo }, (_, b) => ({
    bucketStart: end - (b + 1) * BUCKET,
    bucketSeconds: BUCKET,
    good: 999 - (b % 3),
    total: 1000,
  }));
  for (let i = 0; i < SLOS; i++) {
    for (let b = 0; b < perSlo; b += 2016) {
      await store.upsertSamples(
        { entityRef: entityRef(i), sloName: 'availability' },
        buckets.slice(b, b + 2016),
      );
    }
  }
  return perSlo;
}

/**
 * One SLO's windows summed from its buckets themselves, one query per SLO:
 * how the push source read before the hourly roll-up.
 */
async function sumBuckets(query) {
  const end = now.getTime() / 1000;
  const starts = query.windows.map(window => end - window.seconds);
  const row = await knex('sli_samples')
    .select(
      starts.flatMap((start, i) => [
        knex.raw(
          `SUM(CASE WHEN bucket_start + bucket_seconds > ? THEN good ELSE 0 END) AS g${i}`,
          [start],
        ),
        knex.raw(
          `SUM(CASE WHEN bucket_start + bucket_seconds > ? THEN total ELSE 0 END) AS t${i}`,
          [start],
        ),
      ]),
    )
    .where({ entity_ref: query.entityRef, slo_name: query.sloName })
    .andWhere('bucket_start', '>', Math.min(...starts) - 86400)
    .andWhere('bucket_start', '<', end)
    .first();
  return Object.fromEntries(
    query.windows.map((window, i) => [
      window.name,
      { good: Number(row[`g${i}`]), total: Number(row[`t${i}`]) },
    ]),
  );
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
    sums: JSON.stringify(answers),
  };
}

await applyDatabaseMigrations(knex);
takeTurnsOnSqlite(knex);
const store = DatabaseSloStore.create({ knex });
const source = PushSliSource.create({ store });
const t0 = performance.now();
const perSlo = await seed(store);
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

const ways = {
  'buckets, one query per SLO': () =>
    measure(async () => {
      const answers = [];
      for (const q of queries) {
        answers.push(await sumBuckets(q));
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
const [first, second] = Object.values(results).map(runs => runs[0].sums);
if (first !== second) throw new Error('the two ways summed differently');
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
