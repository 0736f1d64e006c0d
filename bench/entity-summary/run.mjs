// Entity summary vs the catalog, at scale (issue 3, "Done when" 6).
//
// Question: on one running portal backend, with 10,000 components, 200,000
// incidents and 1,000,000 action items in the reliability plugin's SQLite file,
// how does `GET /api/reliability/entity-summary?entityRef=…` compare with the
// catalog's own `GET /api/catalog/entities/by-name/component/default/<name>`
// for the same component — a hot one (8,000 incidents, ~40,000 action items)
// and a typical one (18 incidents, ~60 action items)?
//
// What it does: seeds bench/.data/entity-summary/db/reliability.sqlite once
// (seed.mjs; reused while the migrations are unchanged), writes a catalog of the
// same 10,000 components (catalog.mjs), starts packages/backend with the same
// node command line `yarn start` gives it (transform, source maps, NODE_ENV=
// development) plus a config overlay (database directory, demo data off, the
// generated catalog, a free port, catalog refresh pushed out of the measurement
// window, one search indexing run at start that it waits for and whose peak
// memory it prints, the catalog's own database in memory: on disk its
// first ingestion takes ~8 min here), waits for the catalog to hold all 10,000
// components (~2.5 min) and for the backend to go idle, signs in as guest and
// runs autocannon against both endpoints in alternating rounds (summary first,
// then catalog first, ...), so that load from other processes on the machine
// falls on both alike. Then it stops the backend (its whole process group,
// whatever happens) and explains the summary's SQL (explain.mjs).
//
// How to read the table: per endpoint and component, completed requests,
// latency p50/p99/mean in ms (from every 2xx response, not autocannon's
// whole-millisecond histogram) and req/s, with N connections kept busy for the
// whole duration (so latency includes queueing behind the other connections);
// then summary/catalog ratios of p50 and p99 for the same component. Both run
// on the same backend in the same minutes, so the ratio holds on a slower
// machine even when the absolute figures do not. The CPU line says how much of
// the machine other processes took meanwhile: if that is high, rerun.
//
//   node bench/entity-summary/run.mjs [--duration 20] [--rounds 4] [--warmup 5] [--connections 10]
//     [--reseed] [--no-explain] [--via-cli]
//
// The backend is started with eventLoopDelay.cjs preloaded, which samples its
// event-loop delay from inside (a timer due every 10 ms, how late it fires);
// the figures over the measured rounds are printed with the peak RSS.
//
// --via-cli starts the backend through `yarn workspace backend start` instead:
// identical process, but the CLI restarts it when a loaded source file changes,
// which would cut a measurement short while others edit plugins/.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  BackendProcess,
  cpuShares,
  EVENT_LOOP_DELAY_MODULE,
  freePort,
} from '../lib/backend.mjs';
import { RELIABILITY_JOBS_ONCE, SEARCH_ONCE_AT_START } from '../lib/config.mjs';
import { aggregate, load, loopDelayOver } from '../lib/load.mjs';
import { generateCatalog } from './catalog.mjs';
import { explainCurrent } from './explain.mjs';
import {
  BACKEND_DIR,
  DATA_DIR,
  DB_DIR,
  DB_FILE,
  formatBytes,
  formatSeconds,
  ROOT,
  rootRequire,
} from './lib.mjs';
import { ensureSeeded, SPEC } from './seed.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '4' },
    reseed: { type: 'boolean', default: false },
    'no-explain': { type: 'boolean', default: false },
    'via-cli': { type: 'boolean', default: false },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Math.max(1, Number(args.rounds));
const runStarted = Date.now();
const log = (...a) => console.log(...a);

// --- backend process: started in its own process group, always stopped -------------------
const EVENT_LOOP_DELAY_FILE = path.join(DATA_DIR, 'event-loop-delay.json');
const backend = new BackendProcess({
  log,
  isServer: cmd =>
    cmd.some(
      a => a === 'src/index' || a.endsWith('packages/backend/src/index'),
    ),
  // Without the preload (--via-cli) SIGUSR2 would end the backend.
  eventLoopDelayFile: args['via-cli'] ? undefined : EVENT_LOOP_DELAY_FILE,
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    log(`\n${signal}: stopping the backend`);
    await backend.stop();
    process.exit(130);
  });
}

function writeConfig(port, locations) {
  const file = path.join(DATA_DIR, 'app-config.bench.json');
  const config = {
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      database: {
        client: 'better-sqlite3',
        connection: { directory: DB_DIR },
        // The catalog in memory: on disk, SQLite's fsync per write makes the first ingestion
        // of 10,000 entities take ~8 minutes on this machine; reads are the same either way.
        // Search's too: its scheduler remembers when each collator ran, and
        // every run must index once, as a freshly started portal does.
        plugin: {
          catalog: { connection: ':memory:' },
          search: { connection: ':memory:' },
        },
      },
    },
    catalog: {
      locations,
      // Ingest once, then stay quiet during the measurement (the default re-processes
      // every entity every 100-150 s, which on 2 cores would load both endpoints).
      processingInterval: { hours: 6 },
    },
    search: SEARCH_ONCE_AT_START,
    reliability: RELIABILITY_JOBS_ONCE,
  };
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

async function startBackend(configFile) {
  const logFile = path.join(DATA_DIR, 'backend.log');
  const configArgs = [
    '--config',
    path.join(ROOT, 'app-config.yaml'),
    '--config',
    configFile,
  ];
  const env = { ...process.env, NODE_ENV: 'development' };
  let command;
  let cmdArgs;
  if (args['via-cli']) {
    const yarnJs = fs
      .readdirSync(path.join(ROOT, '.yarn/releases'))
      .find(f => /^yarn-.*\.cjs$/.test(f));
    command = process.execPath;
    cmdArgs = [
      path.join(ROOT, '.yarn/releases', yarnJs),
      'workspace',
      'backend',
      'start',
      ...configArgs,
    ];
  } else {
    // What `backstage-cli package start` spawns for a backend (runBackend.cjs), minus its file watcher.
    command = process.execPath;
    cmdArgs = [
      '--enable-source-maps',
      '--require',
      rootRequire.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      '--require',
      EVENT_LOOP_DELAY_MODULE,
      'src/index',
      ...configArgs,
    ];
    env.ESBK_TSCONFIG_PATH = path.join(ROOT, 'tsconfig.json');
  }
  const cwd = args['via-cli'] ? ROOT : BACKEND_DIR;
  log(
    `Starting the backend: (cd ${
      path.relative(ROOT, cwd) || '.'
    } && NODE_ENV=development node ${cmdArgs
      .map(a => (path.isAbsolute(a) ? path.relative(cwd, a) : a))
      .join(' ')})`,
  );
  log(`  log: ${path.relative(ROOT, logFile)}`);
  backend.start({ command, args: cmdArgs, cwd, env, logFile });
  return logFile;
}

function printTable(rows, ratios) {
  const header = [
    'endpoint',
    'component',
    'requests',
    'non-2xx',
    'p50 ms',
    'p99 ms',
    'mean ms',
    'req/s',
  ];
  const body = rows.map(r => [
    r.endpoint,
    `${r.target} (${r.name})`,
    String(r.requests),
    String(r.non2xx + r.errors),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.mean.toFixed(1),
    r.rps.toFixed(1),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map(b => b[i].length)),
  );
  const line = cells =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ');
  log(line(header));
  log(widths.map(w => '-'.repeat(w)).join('  '));
  for (const b of body) log(line(b));
  log('');
  for (const r of rows.filter(row => row.requests === 0))
    log(
      `NO ANSWER: ${r.endpoint} for ${r.target} answered no request within its rounds (each request took longer than a round, or the backend was blocked)`,
    );
  for (const r of ratios) {
    log(
      `ratio summary/catalog, ${r.target}: p50 ${r.p50.toFixed(
        1,
      )}x, p99 ${r.p99.toFixed(1)}x, mean ${r.mean.toFixed(
        1,
      )}x, req/s ${r.rps.toFixed(2)}x`,
    );
  }
}

// --- main --------------------------------------------------------------------------------------
async function main() {
  log(
    `Entity summary benchmark — ${new Date().toISOString()}, Node ${
      process.version
    }, ${(await import('node:os')).cpus().length} CPUs`,
  );
  fs.mkdirSync(DATA_DIR, { recursive: true });

  const meta = await ensureSeeded({ force: args.reseed, log });
  const targets = [
    { label: 'hot', ...meta.targets.hot },
    { label: 'typical', ...meta.targets.typical },
    // The organisation's monthly review (issue 15, "Done when" 3): every
    // component's incidents, postmortems and action items of last month,
    // against the catalog's by-name of the typical component.
    {
      label: 'review',
      ...meta.targets.typical,
      path: '/api/reliability/review?period=month',
    },
  ];

  const locations = generateCatalog();
  const port = await freePort();
  const configFile = writeConfig(port, locations);
  const base = `http://localhost:${port}`;

  let rows = [];
  let ratios = [];
  let memory;
  let cpu;
  let loopDelay;
  try {
    const t0 = Date.now();
    const logFile = await startBackend(configFile);
    await backend.waitFor(
      'readiness',
      180_000,
      async () => (await fetch(`${base}/.backstage/health/v1/readiness`)).ok,
    );
    log(`Backend ready in ${formatSeconds(Date.now() - t0)} on port ${port}`);

    const token = await backend.guestToken(base);
    const auth = { authorization: `Bearer ${token}` };

    const t1 = Date.now();
    const lastRef = `component/default/bench-${String(SPEC.components).padStart(
      5,
      '0',
    )}`;
    await backend.waitFor(
      `catalog entity ${lastRef}`,
      // Ingesting shares the event loop with the search indexing run.
      900_000,
      async () =>
        (
          await fetch(`${base}/api/catalog/entities/by-name/${lastRef}`, {
            headers: auth,
          })
        ).ok,
      1000,
    );
    const total = await backend.waitFor(
      'all components in the catalog',
      900_000,
      async () => {
        const res = await fetch(
          `${base}/api/catalog/entities/by-query?filter=kind=component,metadata.tags=bench&limit=1`,
          { headers: auth },
        );
        const { totalItems } = await res.json();
        return totalItems >= SPEC.components ? totalItems : undefined;
      },
      1000,
    );
    log(
      `Catalog holds ${total.toLocaleString(
        'en',
      )} bench components (waited ${formatSeconds(Date.now() - t1)})`,
    );

    // The indexing run (started 15 s after the backend) must end, well or
    // not, before anything is measured; its peak memory is the backend's.
    const t2 = Date.now();
    const indexed = await backend.waitFor(
      'the search indexing run',
      3_600_000,
      async () => {
        const text = fs.readFileSync(logFile, 'utf8');
        const ends = [
          ...text.matchAll(
            /Collating documents for (\S+) (succeeded|failed[^\n]*)/g,
          ),
        ];
        const types = new Set(ends.map(m => m[1]));
        return [
          'software-catalog',
          'reliability-runbook',
          'reliability-postmortem',
        ].every(t => types.has(t))
          ? ends.map(m => `${m[1]} ${m[2].slice(0, 200)}`)
          : undefined;
      },
      2000,
    );
    const afterIndexing = backend.memory();
    log(
      `Search indexing done (waited ${formatSeconds(
        Date.now() - t2,
      )}): ${indexed.join('; ')}; backend peak RSS so far ${formatBytes(
        afterIndexing?.hwm ?? NaN,
      )}`,
    );

    const url = (endpoint, t) => {
      if (endpoint === 'catalog')
        return `${base}/api/catalog/entities/by-name/component/default/${t.name}`;
      return t.path
        ? `${base}${t.path}`
        : `${base}/api/reliability/entity-summary?entityRef=${encodeURIComponent(
            t.entityRef,
          )}`;
    };

    // One request each first: both answer 200 and the summary really sees the seeded rows.
    for (const t of targets) {
      for (const endpoint of ['summary', 'catalog']) {
        const res = await fetch(url(endpoint, t), { headers: auth });
        const body = await res.text();
        if (!res.ok)
          throw new Error(
            `${endpoint} for ${t.name}: HTTP ${res.status} ${body.slice(
              0,
              300,
            )}`,
          );
        if (endpoint === 'summary' && t.path) {
          const r = JSON.parse(body);
          log(
            `  ${t.label}: ${body.length.toLocaleString('en')} bytes; ${
              r.current?.incidents?.total
            } incidents, ${
              r.current?.actionItems?.created
            } action items created in ${r.current?.period?.start}..${
              r.current?.period?.end
            }`,
          );
        } else if (endpoint === 'summary') {
          const s = JSON.parse(body);
          log(
            `  ${t.label} ${t.name}: ${body.length.toLocaleString(
              'en',
            )} bytes; open incidents ${s.incidents?.openCount}, last 90 days ${(
              s.incidents?.last90Days ?? []
            ).reduce((a, c) => a + c.count, 0)}, open action items ${
              s.actionItems?.openCount ?? '-'
            }, overdue ${s.actionItems?.overdueCount ?? '-'}`,
          );
        }
      }
    }

    const quiet = await backend.waitForQuiet(60_000);
    log(
      `Backend idle (${quiet.toFixed(2)} cores over 2 s); load average ${fs
        .readFileSync('/proc/loadavg', 'utf8')
        .split(' ')
        .slice(0, 3)
        .join(' ')}`,
    );

    const roundSeconds = DURATION / ROUNDS;
    log(
      `\nautocannon: ${CONNECTIONS} connections; per component ${WARMUP} s warm-up of each endpoint, then ${ROUNDS} rounds of ${roundSeconds} s per endpoint (${DURATION} s each in all), the order alternating every round`,
    );
    const runs = {};
    const cpuBefore = backend.cpuSnapshot();
    for (const [i, t] of targets.entries()) {
      if (WARMUP > 0)
        for (const endpoint of ['summary', 'catalog'])
          await load(url(endpoint, t), token, WARMUP, CONNECTIONS);
      for (let round = 0; round < ROUNDS; round++) {
        const order =
          (round + i) % 2 === 0
            ? ['summary', 'catalog']
            : ['catalog', 'summary'];
        for (const endpoint of order) {
          const r = await load(
            url(endpoint, t),
            token,
            roundSeconds,
            CONNECTIONS,
          );
          (runs[`${endpoint}/${t.label}`] ??= []).push(r);
        }
      }
      log(`  ${t.label} done`);
    }
    cpu = cpuShares(cpuBefore, backend.cpuSnapshot());
    if (backend.eventLoopDelayFile)
      loopDelay = loopDelayOver(
        await backend.eventLoopSamples(),
        Object.values(runs).flat(),
      );
    const results = {};
    for (const t of targets) {
      for (const endpoint of ['summary', 'catalog']) {
        results[`${endpoint}/${t.label}`] = {
          endpoint,
          target: t.label,
          name: t.name,
          ...aggregate(runs[`${endpoint}/${t.label}`]),
        };
      }
    }
    memory = backend.memory();

    rows = targets.flatMap(t =>
      ['summary', 'catalog'].map(e => results[`${e}/${t.label}`]),
    );
    ratios = targets.map(t => {
      const s = results[`summary/${t.label}`];
      const c = results[`catalog/${t.label}`];
      return {
        target: t.label,
        p50: s.p50 / c.p50,
        p99: s.p99 / c.p99,
        mean: s.mean / c.mean,
        rps: s.rps / c.rps,
      };
    });
  } finally {
    await backend.stop();
    log('Backend stopped');
  }

  log(
    `\n=== Entity summary vs catalog by-name (${CONNECTIONS} connections, ${DURATION} s each in ${ROUNDS} alternating rounds, same backend) ===`,
  );
  log(
    `summary  = GET /api/reliability/entity-summary?entityRef=component:default/<name>`,
  );
  log(`catalog  = GET /api/catalog/entities/by-name/component/default/<name>`);
  for (const t of targets)
    log(
      t.path
        ? `${t.label.padEnd(8)} = GET ${
            t.path
          } (the organisation) vs the catalog's by-name of ${t.name}`
        : `${t.label.padEnd(8)} = ${t.name}: ${t.incidents.toLocaleString(
            'en',
          )} incidents, ${t.actionItems.toLocaleString('en')} action items`,
    );
  log('');
  printTable(rows, ratios);
  log('');
  log(
    `seed: ${
      meta.reused
        ? `reused (built ${meta.seededAt} in ${formatSeconds(meta.seedMs)})`
        : formatSeconds(meta.seedMs)
    }; rows ${Object.entries(meta.rows)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', ')}`,
  );
  log(
    `SQLite file: ${path.relative(ROOT, DB_FILE)} ${formatBytes(
      fs.statSync(DB_FILE).size,
    )} (${fs.statSync(DB_FILE).size.toLocaleString('en')} bytes)`,
  );
  if (cpu)
    log(
      `CPU during the measurement (of ${
        (await import('node:os')).cpus().length
      } cores): backend ${cpu.backendCores.toFixed(
        2,
      )}, autocannon ${cpu.selfCores.toFixed(
        2,
      )}, other processes on the machine ${cpu.otherCores.toFixed(2)}`,
    );
  if (memory)
    log(
      `backend peak RSS (VmHWM, pid ${memory.pid}): ${formatBytes(
        memory.hwm,
      )}; RSS at the end ${formatBytes(memory.rss)}`,
    );
  if (loopDelay?.blocked)
    log(
      `backend event-loop delay: no figure, the backend's event loop was still blocked 120 s after the measurement (requests of the measurement still running)`,
    );
  else if (loopDelay)
    log(
      `backend event-loop delay during the measurement (sampled inside the backend): p50 ${loopDelay.p50} ms, p99 ${loopDelay.p99} ms, max ${loopDelay.max} ms`,
    );

  if (!args['no-explain']) {
    log(
      "\n=== Why: the summary's SQL on the seeded database (EXPLAIN QUERY PLAN, median of 15 runs) ===",
    );
    await explainCurrent({ targets, log });
  }
  log(`\nTotal ${formatSeconds(Date.now() - runStarted)}`);
}

try {
  await main();
} catch (e) {
  console.error(`\nFAILED: ${e.stack ?? e}`);
  await backend.stop();
  process.exitCode = 1;
}
