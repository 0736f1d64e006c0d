// Every reliability read against the catalog's own, on the production build
// (issue 12): does a platform team's one shared backend answer our pages at
// no more cost than it answers the catalog?
//
// What it does: builds the backend for production and installs it as the
// Dockerfile does (../lib/production.mjs), seeds the entity-summary
// benchmark's data (10,000 components, 200,000 incidents, 100,000
// postmortems, 1,000,000 action items; ../entity-summary/seed.mjs) plus
// 1,000 on-call schedules (seedSchedules.mjs), writes the catalog of the same
// components, a share of them with OpenSLO files and runbooks beside them
// (../entity-summary/catalog.mjs), and then for each database (SQLite, the
// embedded default; PostgreSQL, with the same rows copied in: pgData.mjs)
// starts the built backend with `node packages/backend`, search on, waits
// until the catalog, the runbooks, the SLOs and one search indexing run are
// in, and measures with autocannon at each number of clients, in alternating
// rounds, each of our routes and the catalog's
// `GET /api/catalog/entities/by-name/component/default/bench-00001` beside it:
//
//   entity summary  GET /api/reliability/entity-summary?entityRef=component:default/bench-00001 (the hot component)
//   on-call         GET /api/reliability/oncall (every schedule)
//   SLO overview    GET /api/reliability/slos/overview?limit=50 (the SLOs page's first page, and the counts)
//   runbooks        GET /api/reliability/runbooks/library?q=pool&limit=25 (the library page's first page)
//   incidents       GET /api/reliability/incidents?limit=20 (the Incidents page's first page)
//
// The event-loop delay is sampled inside the backend (../lib/eventLoopDelay.cjs)
// and reported per route (over that route's own load runs: the catalog's too)
// and over each number of clients; the backend's RSS is read from /proc. Then it runs the rotation benchmark
// (../oncall-expansion) and the frontend size benchmark (../frontend-size,
// on the app the backend build just built) and prints one table of it all.
//
// How to read it: per database and number of clients, each route's p50/p99
// and req/s, the catalog's p50/p99 measured in the same rounds, and the
// ratio of the p99s (≤ 1.0: our route costs the portal no more than the
// catalog's own read). Latency includes queueing behind the other clients.
//
//   bench/run.sh            (starts PostgreSQL, then this)
//   node bench/routes/run.mjs [--db sqlite,pg] [--pg-url postgresql://...] [--clients 10,200]
//     [--duration 12] [--rounds 2] [--warmup 3] [--index-wait 600] [--no-build] [--only routes] [--keep]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  BackendProcess,
  cpuShares,
  EVENT_LOOP_DELAY_MODULE,
  freePort,
} from '../lib/backend.mjs';
import { RELIABILITY_JOBS_ONCE, SEARCH_ONCE_AT_START } from '../lib/config.mjs';
import { aggregate, load, loopDelayOver, printTable } from '../lib/load.mjs';
import { prepareProductionBackend } from '../lib/production.mjs';
import {
  generateCatalog,
  RUNBOOKS_EVERY,
  SLO_EVERY,
} from '../entity-summary/catalog.mjs';
import {
  DB_FILE,
  formatBytes,
  formatSeconds,
  knexFactory,
  ROOT,
} from '../entity-summary/lib.mjs';
import { ensureSeeded, SPEC } from '../entity-summary/seed.mjs';
import { copySeedToPostgres } from './pgData.mjs';
import { otherFigures } from './otherFigures.mjs';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite,pg' },
    'pg-url': { type: 'string', default: process.env.PG_URL ?? '' },
    clients: { type: 'string', default: '10,200' },
    duration: { type: 'string', default: '12' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '3' },
    schedules: { type: 'string', default: '1000' },
    'no-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'index-wait': { type: 'string', default: '600' },
    only: { type: 'string', default: '' },
  },
});
const DATABASES = args.db.split(',').filter(Boolean);
const CLIENTS = args.clients.split(',').filter(Boolean).map(Number);
const DURATION = Number(args.duration);
const ROUNDS = Math.max(1, Number(args.rounds));
const WARMUP = Number(args.warmup);
const SCHEDULES = Number(args.schedules);
/** Seconds to wait for the search indexing run before measuring anyway. */
const INDEX_WAIT = Number(args['index-wait']);
const DATA_DIR = path.join(ROOT, 'bench/.data/routes');
const log = (...a) => console.log(...a);
const started = Date.now();

const HOT = 'bench-00001';
const ROUTES = [
  {
    name: 'entity summary (hot)',
    path: `/api/reliability/entity-summary?entityRef=component:default/${HOT}`,
  },
  {
    name: `on-call (${SCHEDULES.toLocaleString('en')} schedules)`,
    path: '/api/reliability/oncall',
  },
  { name: 'SLO overview', path: '/api/reliability/slos/overview?limit=50' },
  {
    name: 'runbook library ?q=pool',
    path: '/api/reliability/runbooks/library?q=pool&limit=25',
  },
  { name: 'incidents list', path: '/api/reliability/incidents?limit=20' },
].filter(r => !args.only || args.only.split(',').some(o => r.path.includes(o)));
const CATALOG = {
  name: 'catalog by-name (baseline)',
  path: `/api/catalog/entities/by-name/component/default/${HOT}`,
};

if (DATABASES.includes('pg') && !args['pg-url']) {
  console.error(
    'PostgreSQL needs --pg-url (bench/run.sh starts a server and passes it)',
  );
  process.exit(2);
}

const EVENT_LOOP_DELAY_FILE = path.join(DATA_DIR, 'event-loop-delay.json');
let backend;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    log(`\n${signal}: stopping the backend`);
    await backend?.stop();
    process.exit(130);
  });
}

function writeConfig(db, port, locations) {
  const file = path.join(DATA_DIR, `app-config.${db}.json`);
  const database =
    db === 'pg'
      ? { client: 'pg', connection: args['pg-url'] }
      : {
          client: 'better-sqlite3',
          connection: { directory: path.dirname(DB_FILE) },
          plugin: {
            // The catalog's own store in memory: on disk, SQLite's fsync per
            // write makes ingesting 10,000 entities take minutes.
            catalog: { connection: ':memory:' },
            // Search as the README says to run it beyond a few thousand
            // postmortems: in PostgreSQL, with its engine. Lunr, the in-memory
            // default on SQLite, runs out of a 4 GB heap on 100,000 postmortems
            // and takes the backend down. (The database is created here:
            // Backstage checks that it exists with the base client, SQLite.)
            search: args['pg-url']
              ? {
                  client: 'pg',
                  connection: args['pg-url'],
                  ensureExists: false,
                }
              : { connection: ':memory:' },
          },
        };
  const config = {
    app: { baseUrl: `http://localhost:${port}` },
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      database,
      cors: { origin: `http://localhost:${port}` },
      reading: { allow: [{ host: 'localhost' }] },
    },
    // The benchmark signs in as the guest, also outside development.
    auth: {
      providers: {
        guest: {
          userEntityRef: 'user:default/lena.hoffmann',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: { locations, processingInterval: { hours: 6 } },
    search: SEARCH_ONCE_AT_START,
    reliability: {
      ...RELIABILITY_JOBS_ONCE,
      // The first reading of the annotated entities' files runs a few seconds
      // after start, before the catalog holds them; the next one, two minutes
      // on, reads them all (ten minutes by default).
      runbooks: { refreshInterval: '2m' },
      slo: { refreshInterval: '2m' },
    },
  };
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

async function seedScheduleRows(connection) {
  let seedSchedules;
  try {
    ({ seedSchedules } = await import('./seedSchedules.mjs'));
  } catch {
    log(
      '  (no seedSchedules.mjs: the on-call route is measured without schedules)',
    );
    return;
  }
  const knex = knexFactory(connection);
  try {
    await seedSchedules(knex, { count: SCHEDULES, groups: SPEC.groups, log });
  } finally {
    await knex.destroy();
  }
}

/** Starts the backend on `db` and waits until everything is in; returns the base URL and a token. */
async function startOn(db, prod, locations) {
  const port = await freePort();
  const configFile = writeConfig(db, port, locations);
  const logFile = path.join(DATA_DIR, `backend.${db}.log`);
  backend = new BackendProcess({
    log,
    isServer: prod.isServer,
    eventLoopDelayFile: EVENT_LOOP_DELAY_FILE,
  });
  const cmd = [
    ...prod.args([EVENT_LOOP_DELAY_MODULE]),
    '--config',
    path.join(ROOT, 'app-config.yaml'),
    '--config',
    configFile,
  ];
  log(
    `Starting: (cd ${path.relative(
      ROOT,
      prod.cwd,
    )} && NODE_ENV=production node ${cmd
      .map(a => (path.isAbsolute(a) ? path.relative(prod.cwd, a) : a))
      .join(' ')})`,
  );
  const t0 = Date.now();
  backend.start({
    command: prod.command,
    args: cmd,
    cwd: prod.cwd,
    env: { ...process.env, ...prod.env },
    logFile,
  });
  const base = `http://localhost:${port}`;
  await backend.waitFor(
    'readiness',
    300_000,
    async () => (await fetch(`${base}/.backstage/health/v1/readiness`)).ok,
  );
  log(`  ready in ${formatSeconds(Date.now() - t0)}`);
  const token = await backend.guestToken(base);
  const get = async p => {
    const res = await fetch(`${base}${p}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
    return res.json();
  };
  const t1 = Date.now();
  await backend.waitFor(
    'all components in the catalog',
    1_200_000,
    async () => {
      const { totalItems } = await get(
        '/api/catalog/entities/by-query?filter=kind=component,metadata.tags=bench&limit=1',
      );
      return totalItems >= SPEC.components;
    },
    2000,
  );
  log(
    `  catalog holds the ${SPEC.components.toLocaleString(
      'en',
    )} components (${formatSeconds(Date.now() - t1)})`,
  );
  const slos = (SPEC.components / SLO_EVERY) * 3;
  await backend.waitFor(
    `${slos} SLOs`,
    1_200_000,
    async () => {
      const overview = await get('/api/reliability/slos/overview?limit=1');
      return (overview.totalItems ?? overview.items.length) >= slos;
    },
    5000,
  );
  const runbooks = Math.floor(SPEC.components / RUNBOOKS_EVERY);
  await backend.waitFor(
    `the runbooks of ${runbooks} components`,
    1_200_000,
    async () => {
      const page = await get('/api/reliability/runbooks/library?limit=1');
      return (page.totalItems ?? page.total ?? 0) >= runbooks * 6;
    },
    5000,
  );
  log(`  SLOs and runbooks in (${formatSeconds(Date.now() - t1)})`);
  // The indexing run (collators start 15 s after the backend) should be
  // over before anything is measured, but it is not waited for without end:
  // PostgreSQL's engine ends a run by deleting the type's old documents, a
  // query that took over ten minutes here for 100,000 postmortems.
  const indexed = () => {
    const text = fs.readFileSync(logFile, 'utf8');
    const done = new Set(
      [
        ...text.matchAll(/Collating documents for (\S+) (succeeded|failed)/g),
      ].map(m => m[1]),
    );
    return [
      'software-catalog',
      'reliability-runbook',
      'reliability-postmortem',
    ].filter(t => !done.has(t));
  };
  const t2 = Date.now();
  while (indexed().length && Date.now() - t2 < INDEX_WAIT * 1000) {
    if (backend.exited)
      throw new Error('backend exited during the search indexing run');
    await new Promise(r => setTimeout(r, 2000));
  }
  const memory = backend.memory();
  const pending = indexed();
  log(
    pending.length
      ? `  search indexing of ${pending.join(
          ', ',
        )} still running after ${formatSeconds(
          Date.now() - t2,
        )} more: measuring while it runs; backend peak RSS so far ${formatBytes(
          memory?.hwm ?? NaN,
        )}`
      : `  search indexing done; backend peak RSS so far ${formatBytes(
          memory?.hwm ?? NaN,
        )}`,
  );
  return { base, token, indexingPeak: memory?.hwm };
}

async function measure(db, { base, token }) {
  const rows = [];
  for (const clients of CLIENTS) {
    const all = [...ROUTES, CATALOG];
    for (const r of all) {
      const res = await fetch(`${base}${r.path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok)
        throw new Error(
          `${r.path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`,
        );
      if (WARMUP > 0) await load(`${base}${r.path}`, token, WARMUP, clients);
    }
    await backend.waitForQuiet(30_000);
    const runs = new Map(all.map(r => [r, []]));
    const roundSeconds = DURATION / ROUNDS;
    const cpuBefore = backend.cpuSnapshot();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, route] of ROUTES.entries()) {
        const order =
          (round + i) % 2 === 0 ? [route, CATALOG] : [CATALOG, route];
        for (const r of order)
          runs
            .get(r)
            .push(await load(`${base}${r.path}`, token, roundSeconds, clients));
      }
    }
    const cpu = cpuShares(cpuBefore, backend.cpuSnapshot());
    const samples = await backend.eventLoopSamples();
    const loop = loopDelayOver(samples, [...runs.values()].flat());
    const catalog = aggregate(runs.get(CATALOG));
    for (const r of all) {
      const figures = r === CATALOG ? catalog : aggregate(runs.get(r));
      rows.push({
        db,
        clients,
        route: r.name,
        ...figures,
        loop: loopDelayOver(samples, runs.get(r)),
        ratio: figures.p99 / catalog.p99,
        baseline: r === CATALOG,
      });
    }
    const memory = backend.memory();
    rows.push({ db, clients, loop, cpu, memory, summary: true });
    report(rows.filter(x => x.clients === clients));
    log(
      `  ${clients} clients done: event-loop delay p99 ${
        loop?.p99 ?? '?'
      } ms, max ${
        loop?.max ?? '?'
      } ms; other processes ${cpu.otherCores.toFixed(2)} cores`,
    );
  }
  return rows;
}

async function main() {
  log(
    `Reliability routes vs the catalog, production build — ${new Date().toISOString()}, Node ${
      process.version
    }, ${os.cpus().length} CPUs`,
  );
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const prod = prepareProductionBackend({
    dir: path.join(ROOT, 'bench/.data/production'),
    build: !args['no-build'],
    log,
  });
  const meta = await ensureSeeded({ log });
  await seedScheduleRows({
    client: 'better-sqlite3',
    connection: { filename: DB_FILE },
    useNullAsDefault: true,
  });
  const locations = generateCatalog();
  const rows = [];
  const indexing = {};
  for (const db of DATABASES) {
    log(`\n--- ${db === 'pg' ? 'PostgreSQL' : 'SQLite'} ---`);
    if (args['pg-url']) {
      // Each half indexes from scratch, as a freshly installed portal does.
      const admin = knexFactory({ client: 'pg', connection: args['pg-url'] });
      try {
        await admin.raw(
          'DROP DATABASE IF EXISTS backstage_plugin_search WITH (FORCE)',
        );
        await admin.raw('CREATE DATABASE backstage_plugin_search');
      } finally {
        // An open pool would keep the benchmark (and its PostgreSQL) alive after a failure.
        await admin.destroy();
      }
    }
    if (db === 'pg') {
      await copySeedToPostgres({ url: args['pg-url'], log });
      await seedScheduleRows({
        client: 'pg',
        connection: `${args['pg-url']}/backstage_plugin_reliability`,
      });
    }
    try {
      const target = await startOn(db, prod, locations);
      indexing[db] = target.indexingPeak;
      rows.push(...(await measure(db, target)));
      if (args.keep) {
        log(
          `\n--keep: the backend runs on ${target.base} until Ctrl-C; a guest token:\n${target.token}`,
        );
        await new Promise(() => {});
      }
    } finally {
      await backend.stop();
    }
  }
  const other = await otherFigures({ log, noBuild: true });
  log(
    `\n=== Reliability routes vs catalog by-name, production build (${DURATION} s per route in ${ROUNDS} alternating rounds, same backend) ===`,
  );
  log(
    `data: ${Object.entries(meta.rows)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', ')}, ${SCHEDULES.toLocaleString('en')} schedules, ${(
      (SPEC.components / SLO_EVERY) *
      3
    ).toLocaleString('en')} SLOs, ~${(
      Math.floor(SPEC.components / RUNBOOKS_EVERY) * 6
    ).toLocaleString('en')} runbooks; search on`,
  );
  log(`baseline: GET ${CATALOG.path}\n`);
  report(rows);
  for (const [db, peak] of Object.entries(indexing))
    log(
      `${db}: peak RSS through start-up and the search indexing run ${formatBytes(
        peak ?? NaN,
      )}`,
    );
  for (const line of other) log(line);
  log(`\nTotal ${formatSeconds(Date.now() - started)}`);
}

/** The table of `rows`: routes, then event-loop delay and memory. */
function report(rows) {
  const body = [];
  for (const r of rows.filter(x => !x.summary)) {
    const base = rows.find(
      x => x.baseline && x.db === r.db && x.clients === r.clients,
    );
    body.push([
      r.db,
      String(r.clients),
      r.route,
      `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)}`,
      r.baseline ? '' : `${base.p50.toFixed(1)} / ${base.p99.toFixed(1)}`,
      r.baseline ? '' : `${r.ratio.toFixed(2)}x${r.ratio > 1 ? ' !' : ''}`,
      r.rps.toFixed(0),
      r.loop.blocked ? 'blocked' : `${r.loop.p99} / ${r.loop.max}`,
      r.non2xx + r.errors ? String(r.non2xx + r.errors) : '',
      r.bytesPerRequest >= 1024
        ? `${(r.bytesPerRequest / 1024).toFixed(1)} KiB`
        : `${r.bytesPerRequest.toFixed(0)} B`,
    ]);
  }
  printTable(
    log,
    [
      'db',
      'clients',
      'route',
      'ours p50 / p99 ms',
      'catalog p50 / p99 ms',
      'p99 ratio',
      'req/s',
      'loop delay p99 / max ms',
      'failed',
      'answer',
    ],
    body,
    ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  log('');
  const loopBody = rows
    .filter(x => x.summary)
    .map(s => [
      s.db,
      String(s.clients),
      s.loop?.blocked
        ? 'blocked'
        : `${s.loop?.p50} / ${s.loop?.p99} / ${s.loop?.max}`,
      formatBytes(s.memory?.rss ?? NaN),
      formatBytes(s.memory?.hwm ?? NaN),
      s.cpu.backendCores.toFixed(2),
      s.cpu.otherCores.toFixed(2),
    ]);
  printTable(
    log,
    [
      'db',
      'clients',
      'event-loop delay p50 / p99 / max ms',
      'RSS',
      'peak RSS',
      'backend cores',
      'other cores',
    ],
    loopBody,
    ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  log('');
}

try {
  await main();
} catch (e) {
  console.error(`\nFAILED: ${e.stack ?? e}`);
  await backend?.stop();
  process.exitCode = 1;
}
