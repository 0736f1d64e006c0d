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
// The backend is started with eventLoopDelay.cjs preloaded, which measures its
// event-loop delay from inside (perf_hooks.monitorEventLoopDelay); the figures
// over the measured rounds are printed with the peak RSS.
//
// --via-cli starts the backend through `yarn workspace backend start` instead:
// identical process, but the CLI restarts it when a loaded source file changes,
// which would cut a measurement short while others edit plugins/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
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
const autocannon = rootRequire('autocannon');
const runStarted = Date.now();
const log = (...a) => console.log(...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));

// --- backend process: started in its own process group, always stopped -------------------
let backend;
let backendExited = false;
let stopping = false;

async function stopBackend() {
  if (!backend || backendExited) return;
  const pgid = backend.pid;
  const exited = new Promise(r => backend.once('exit', r));
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const timedOut = await Promise.race([
    exited.then(() => false),
    sleep(15000).then(() => true),
  ]);
  if (timedOut) {
    log('Backend did not stop within 15 s: SIGKILL to its process group');
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {}
  }
  // The group may still hold children after the leader exited.
  try {
    process.kill(-pgid, 0);
    await sleep(2000);
    process.kill(-pgid, 'SIGKILL');
  } catch {}
}

function killBackendNow() {
  if (backend && !backendExited) {
    try {
      process.kill(-backend.pid, 'SIGKILL');
    } catch {}
  }
}
process.on('exit', killBackendNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    log(`\n${signal}: stopping the backend`);
    await stopBackend();
    process.exit(130);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
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
    // Search on, as adopters run it: one indexing run of every collator (the
    // catalog, the runbooks, the 100,000 postmortems) right after start, which
    // the benchmark waits for before measuring.
    search: {
      collators: Object.fromEntries(
        ['catalog', 'reliability'].map(name => [
          name,
          {
            schedule: {
              frequency: { hours: 24 },
              timeout: { hours: 1 },
              initialDelay: { seconds: 15 },
            },
          },
        ]),
      ),
    },
    // The reliability plugin's own jobs likewise run once at start and then
    // stay out of the measurement: the seed's thousands of long-open,
    // unacknowledged incidents would otherwise be escalated and reminded of
    // every minute while requests are timed.
    reliability: {
      demoData: { enabled: false },
      incidents: { escalationCheckInterval: { hours: 6 } },
      postmortems: { reminderCheckInterval: { hours: 6 } },
      oncall: { handoffCheckInterval: { hours: 6 } },
    },
  };
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/** The pids of the backend's process group and, of those, the one running packages/backend/src/index. */
function backendPids() {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== backend.pid) continue; // pgrp
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      pids.push({ pid: Number(entry), cmd });
    } catch {}
  }
  return pids;
}

function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = name =>
      Number(
        status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN,
      );
    return { hwm: kb('VmHWM') * 1024, rss: kb('VmRSS') * 1024 };
  } catch {
    return undefined;
  }
}

const TICK = 100; // USER_HZ of /proc/*/stat

/** CPU seconds so far: the whole machine (busy), the backend's process group, this process. */
function cpuSnapshot() {
  const cpu = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const idle = cpu[3] + cpu[4];
  const busy = cpu.reduce((a, b) => a + b, 0) - idle;
  let backendTicks = 0;
  for (const { pid } of backendPids()) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      backendTicks += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  const self = process.cpuUsage();
  return {
    at: Date.now(),
    busy: busy / TICK,
    backend: backendTicks / TICK,
    self: (self.user + self.system) / 1e6,
  };
}

/** Shares of the CPUs between two snapshots, in cores. */
function cpuShares(a, b) {
  const wall = (b.at - a.at) / 1000;
  const backendCores = (b.backend - a.backend) / wall;
  const selfCores = (b.self - a.self) / wall;
  const busyCores = (b.busy - a.busy) / wall;
  return {
    backendCores,
    selfCores,
    otherCores: Math.max(0, busyCores - backendCores - selfCores),
  };
}

async function waitForQuietBackend(maxMs) {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const a = cpuSnapshot();
    await sleep(2000);
    const { backendCores } = cpuShares(a, cpuSnapshot());
    if (backendCores < 0.2 || Date.now() > deadline) return backendCores;
  }
}

function serverPid() {
  const pids = backendPids();
  const server = pids.find(p =>
    p.cmd.some(
      a => a === 'src/index' || a.endsWith('packages/backend/src/index'),
    ),
  );
  return server?.pid;
}

const EVENT_LOOP_DELAY_FILE = path.join(DATA_DIR, 'event-loop-delay.json');

/** The backend's event-loop delay since the last reset, from eventLoopDelay.cjs. */
async function eventLoopDelay(reset) {
  // Without the preload (--via-cli) SIGUSR2 would end the backend.
  if (args['via-cli']) return undefined;
  const pid = serverPid();
  if (reset) {
    if (pid) process.kill(pid, 'SIGUSR2');
    return undefined;
  }
  // Only a figure written after this moment covers the whole measurement:
  // while a request blocks the loop the backend writes nothing, and the file
  // still holds the figures of before the block.
  const asked = Date.now();
  for (;;) {
    await sleep(500);
    let figures;
    try {
      figures = JSON.parse(fs.readFileSync(EVENT_LOOP_DELAY_FILE, 'utf8'));
    } catch {
      figures = undefined;
    }
    if (figures && figures.at >= asked) return figures;
    if (Date.now() - asked > 120_000)
      return { blocked: true, waited: Date.now() - asked };
  }
}

async function startBackend(configFile) {
  const logFile = path.join(DATA_DIR, 'backend.log');
  const out = fs.openSync(logFile, 'w');
  const configArgs = [
    '--config',
    path.join(ROOT, 'app-config.yaml'),
    '--config',
    configFile,
  ];
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    EVENT_LOOP_DELAY_FILE,
  };
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
      path.join(import.meta.dirname, 'eventLoopDelay.cjs'),
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
  backend = spawn(command, cmdArgs, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  backend.once('exit', (code, signal) => {
    backendExited = true;
    if (!stopping)
      log(
        `Backend exited early (code ${code}, signal ${signal}); see ${path.relative(
          ROOT,
          logFile,
        )}`,
      );
  });
  return logFile;
}

async function waitFor(what, timeoutMs, check, intervalMs = 500) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (backendExited)
      throw new Error(`backend exited while waiting for ${what}`);
    try {
      const value = await check();
      if (value) return value;
    } catch {}
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}`,
      );
    await sleep(intervalMs);
  }
}

// --- load test -------------------------------------------------------------------------------
function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function load(url, token, seconds) {
  const latencies = [];
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await instance;
  return {
    latencies,
    seconds,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Merges the rounds of one endpoint and component. */
function aggregate(runs) {
  const latencies = runs.flatMap(r => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  return {
    requests: runs.reduce((a, r) => a + r.requests, 0),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
    rps: latencies.length / seconds,
  };
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
    await waitFor(
      'readiness',
      180_000,
      async () => (await fetch(`${base}/.backstage/health/v1/readiness`)).ok,
    );
    log(`Backend ready in ${formatSeconds(Date.now() - t0)} on port ${port}`);

    const token = await waitFor('a guest token', 30_000, async () => {
      const res = await fetch(`${base}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      return res.ok ? (await res.json()).backstageIdentity?.token : undefined;
    });
    const auth = { authorization: `Bearer ${token}` };

    const t1 = Date.now();
    const lastRef = `component/default/bench-${String(SPEC.components).padStart(
      5,
      '0',
    )}`;
    await waitFor(
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
    const total = await waitFor(
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
    const indexed = await waitFor(
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
    const afterIndexing = memoryOf(serverPid());
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

    const quiet = await waitForQuietBackend(60_000);
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
    const cpuBefore = cpuSnapshot();
    await eventLoopDelay(true);
    for (const [i, t] of targets.entries()) {
      if (WARMUP > 0)
        for (const endpoint of ['summary', 'catalog'])
          await load(url(endpoint, t), token, WARMUP);
      for (let round = 0; round < ROUNDS; round++) {
        const order =
          (round + i) % 2 === 0
            ? ['summary', 'catalog']
            : ['catalog', 'summary'];
        for (const endpoint of order) {
          const r = await load(url(endpoint, t), token, roundSeconds);
          (runs[`${endpoint}/${t.label}`] ??= []).push(r);
        }
      }
      log(`  ${t.label} done`);
    }
    cpu = cpuShares(cpuBefore, cpuSnapshot());
    loopDelay = await eventLoopDelay(false);
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
    const pid = serverPid();
    memory = pid ? { pid, ...memoryOf(pid) } : undefined;

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
    stopping = true;
    await stopBackend();
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
      `backend event-loop delay: no figure, the backend's event loop was still blocked ${formatSeconds(
        loopDelay.waited,
      )} after the measurement (requests of the measurement still running)`,
    );
  else if (loopDelay)
    log(
      `backend event-loop delay during the measurement (perf_hooks, inside the backend): p50 ${loopDelay.p50} ms, p99 ${loopDelay.p99} ms, max ${loopDelay.max} ms`,
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
  stopping = true;
  await stopBackend();
  process.exitCode = 1;
}
