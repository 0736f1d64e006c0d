// How expensive is one SLO evaluation cycle against Prometheus, and how much
// does the plugin add on top of Prometheus's own work? Generates request
// counters for 1,000 services (30 days, finer near the evaluation instant),
// backfills them into a real Prometheus with `promtool tsdb
// create-blocks-from openmetrics`, defines one OpenSLO SLO per service (80 %
// good/total Occurrences over 28d, 10 % bad/total over 30d, 10 % Timeslices
// over 7d) and runs evaluation cycles the way the backend does: the
// evaluator's queries (`evaluationItem`), the Prometheus SLI source, the
// evaluator's figures (`computeSloStatus`) — everything but the database.
// Then it sends the very same PromQL requests straight to Prometheus with
// fetch, at the same concurrency, in alternating rounds.
//
// Read: "PromQL requests per cycle" is what one cycle costs Prometheus in
// requests (the expressions are what it would cost unbatched); "ratio" is the
// cycle time over the time Prometheus takes for the same requests — the
// plugin's overhead (planning, splitting, the math) on top of the queries.
//
//   node bench/slo-evaluation/run.mjs [--slos 1000] [--rounds 5] [--batch-size 100] [--concurrency 4]
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));
rootRequire('@backstage/cli-node/config/nodeTransform.cjs');
const backend = file =>
  rootRequire(path.join(ROOT, 'plugins/reliability-backend/src', file));
const prometheusModule = file =>
  rootRequire(
    path.join(ROOT, 'plugins/reliability-backend-module-prometheus/src', file),
  );
const { PrometheusSliSource } = prometheusModule('PrometheusSliSource.ts');
const { PROMETHEUS_DEFAULTS } = prometheusModule('config.ts');
const { parseOpenSlo } = backend('slo/parse/index.ts');
const { evaluationItem } = backend('slo/evaluation/sloQueries.ts');
const { computeSloStatus } = backend('slo/evaluation/computeSloStatus.ts');
const { DEFAULT_ERROR_BUDGET_POLICY } = rootRequire(
  path.join(ROOT, 'plugins/reliability-common/src/index.ts'),
);

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SLOS = arg('slos', 1000);
const ROUNDS = arg('rounds', 5);
const BATCH_SIZE = arg('batch-size', PROMETHEUS_DEFAULTS.batchSize);
const CONCURRENCY = arg('concurrency', PROMETHEUS_DEFAULTS.concurrency);

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
for (const binary of [PROMETHEUS, PROMTOOL]) {
  if (!fs.existsSync(binary)) {
    console.error(
      `${binary} not found: apt-get install --no-install-recommends prometheus`,
    );
    process.exit(1);
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The evaluation instant, on an hour (every window edge then has a sample). */
const END = Date.parse('2026-11-01T00:00:00Z');
const DATA_VERSION = 1;
const DATA_DIR = path.join(
  ROOT,
  `bench/.data/slo-evaluation/v${DATA_VERSION}-${SLOS}`,
);
const fmt = (n, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits });
const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const service = i => `svc-${String(i).padStart(4, '0')}`;

/**
 * Sample instants, oldest first: hourly from 30 days back, every 5 minutes
 * for the last 3 days and 1 hour, every minute for the last 3 hours.
 */
function sampleTimes() {
  const times = [];
  for (let t = END - 30 * DAY - HOUR; t <= END; ) {
    times.push(t);
    const left = END - t;
    if (left > 3 * DAY + HOUR) t += HOUR;
    else if (left > 3 * HOUR) t += 5 * MINUTE;
    else t += MINUTE;
  }
  return times;
}

/** Writes the OpenMetrics file, streaming (it is a few hundred MB). */
async function writeSeries(file) {
  const times = sampleTimes();
  const out = fs.createWriteStream(file);
  const write = text =>
    out.write(text) ? undefined : new Promise(r => out.once('drain', r));
  await write(
    '# HELP http_requests Requests served.\n# TYPE http_requests counter\n',
  );
  const ok = new Float64Array(SLOS);
  const failed = new Float64Array(SLOS);
  let previous = times[0];
  let lines = 0;
  for (const t of times) {
    const minutes = (t - previous) / MINUTE;
    previous = t;
    let chunk = '';
    for (let i = 0; i < SLOS; i++) {
      // 20–120 requests a minute; errors 0.05 % plus an hour of 5 % for
      // one service in seven, at a different hour each.
      const requests = Math.round(minutes * (20 + (i % 101)));
      const hourOfIncident = END - (1 + (i % 97)) * HOUR;
      const share =
        i % 7 === 0 && t > hourOfIncident - HOUR && t <= hourOfIncident
          ? 0.05
          : 0.0005;
      const errors = Math.round(requests * share);
      ok[i] += requests - errors;
      failed[i] += errors;
      const seconds = t / 1000;
      chunk +=
        `http_requests_total{service="${service(i)}",code="200"} ${
          ok[i]
        } ${seconds}\n` +
        `http_requests_total{service="${service(i)}",code="500"} ${
          failed[i]
        } ${seconds}\n`;
      lines += 2;
    }
    await write(chunk);
  }
  await write('# EOF\n');
  await new Promise(resolve => out.end(resolve));
  return { samplesPerSeries: times.length, lines };
}

/** One OpenSLO SLO per service, with its SLI inline. */
function openSlo() {
  const docs = [];
  for (let i = 0; i < SLOS; i++) {
    const sel = `http_requests_total{service="${service(i)}"`;
    const kind = i % 10;
    const ratio =
      kind === 1
        ? `bad: { metricSource: { type: Prometheus, spec: { query: 'sum(increase(${sel},code=~"5.."}[{{.window}}]))' } } }`
        : `good: { metricSource: { type: Prometheus, spec: { query: 'sum(increase(${sel},code!~"5.."}[{{.window}}]))' } } }`;
    const method =
      kind === 2
        ? `timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Timeslices
  objectives: [{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 1h }]`
        : `timeWindow: [{ duration: ${
            kind === 1 ? '30d' : '28d'
          }, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]`;
    docs.push(`apiVersion: openslo/v1
kind: SLO
metadata: { name: ${service(i)}-slo }
spec:
  service: ${service(i)}
  indicator:
    metadata: { name: ${service(i)}-sli }
    spec:
      ratioMetric:
        ${ratio}
        total: { metricSource: { type: Prometheus, spec: { query: 'sum(increase(${sel}}[{{.window}}]))' } } }
  ${method}
`);
  }
  const { slos, problems } = parseOpenSlo(docs.join('---\n'), 'openslo.yaml');
  if (problems.length) throw new Error(JSON.stringify(problems[0]));
  return slos;
}

async function freePort() {
  const server = net.createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

const logger = {
  debug() {},
  info() {},
  warn: message => console.warn(message),
  error: message => console.error(message),
  child() {
    return logger;
  },
};

// --- data ---------------------------------------------------------------
const tsdb = path.join(DATA_DIR, 'tsdb');
const metaFile = path.join(DATA_DIR, 'meta.json');
let meta;
if (fs.existsSync(metaFile)) {
  meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  console.log(
    `Reusing ${path.relative(ROOT, tsdb)} (built in ${fmt(
      meta.buildMs / 1000,
    )} s)`,
  );
} else {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const input = path.join(DATA_DIR, 'series.om');
  const t0 = performance.now();
  const generated = await writeSeries(input);
  const generateMs = performance.now() - t0;
  const t1 = performance.now();
  // Blocks of up to 31 days: promtool reads the input once per block.
  execFileSync(
    PROMTOOL,
    [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--quiet',
      '--max-block-duration=744h',
      input,
      tsdb,
    ],
    { stdio: 'inherit' },
  );
  const backfillMs = performance.now() - t1;
  const inputBytes = fs.statSync(input).size;
  fs.rmSync(input);
  meta = {
    ...generated,
    inputBytes,
    generateMs,
    backfillMs,
    buildMs: generateMs + backfillMs,
  };
  fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
}

// --- Prometheus ---------------------------------------------------------
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const configFile = path.join(DATA_DIR, 'prometheus.yml');
fs.writeFileSync(configFile, 'global: {}\n');
let prometheusLog = '';
const prometheus = spawn(
  PROMETHEUS,
  [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${tsdb}`,
    '--storage.tsdb.retention.time=400d',
    `--web.listen-address=127.0.0.1:${port}`,
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
prometheus.stdout.on('data', c => (prometheusLog += c));
prometheus.stderr.on('data', c => (prometheusLog += c));
const stop = () => prometheus.exitCode === null && prometheus.kill('SIGTERM');
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));
for (const deadline = Date.now() + 60_000; ; ) {
  const ready = await fetch(`${baseUrl}/-/ready`).then(
    r => r.ok,
    () => false,
  );
  if (ready) break;
  if (prometheus.exitCode !== null || Date.now() > deadline) {
    console.error(prometheusLog.slice(-3000));
    throw new Error('Prometheus did not become ready');
  }
  await new Promise(r => setTimeout(r, 200));
}

// --- the cycle ----------------------------------------------------------
const definitions = openSlo();
const entity = i => ({
  entityRef: `component:default/${service(i)}`,
  owner: 'group:default/bench',
  system: undefined,
});
const now = new Date(END);
let captured = [];
const source = PrometheusSliSource.create({
  instances: [
    {
      ...PROMETHEUS_DEFAULTS,
      name: 'default',
      baseUrl,
      headers: {},
      batchSize: BATCH_SIZE,
      concurrency: CONCURRENCY,
      timeoutMs: 120_000,
    },
  ],
  logger,
  fetchFn: (url, init) => {
    captured.push({ url: String(url), body: String(init.body) });
    return fetch(url, init);
  },
});

async function cycle() {
  captured = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const items = definitions.map((definition, i) =>
    evaluationItem(entity(i), definition, 0, now),
  );
  const results = await source.query(items.map(item => item.query));
  const byKey = new Map(results.map(result => [result.key, result]));
  const statuses = items.map(item =>
    computeSloStatus(item.base, byKey.get(item.query.key), {
      now,
      window: item.window,
      tiers: DEFAULT_ERROR_BUDGET_POLICY,
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const expressions = captured.reduce(
    (sum, { body }) =>
      sum + (body.match(/%22__rh_key(?:_[0-9a-f]+)?%22/g) ?? []).length,
    0,
  );
  return { ms, cpuMs, statuses, requests: [...captured], expressions };
}

/** The same requests, straight to Prometheus, at the same concurrency. */
async function direct(requests) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const { url, body } = requests[next++];
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      const json = await response.json();
      if (json.status !== 'success')
        throw new Error(JSON.stringify(json).slice(0, 300));
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, requests.length) }, worker),
  );
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// Warm up both paths (JIT, Prometheus's page cache).
const warm = await cycle();
await direct(warm.requests);

const cycleMs = [];
const directMs = [];
const cycleCpuMs = [];
const directCpuMs = [];
let last = warm;
for (let round = 0; round < ROUNDS; round++) {
  last = await cycle();
  cycleMs.push(last.ms);
  cycleCpuMs.push(last.cpuMs);
  const replay = await direct(last.requests);
  directMs.push(replay.ms);
  directCpuMs.push(replay.cpuMs);
}
const rss = process.memoryUsage().rss;
stop();

const states = {};
for (const status of last.statuses)
  states[status.state] = (states[status.state] ?? 0) + 1;
const ratios = cycleMs.map((ms, i) => ms / directMs[i]);

console.log(
  `\nSLO evaluation against Prometheus — ${new Date().toISOString()}, Node ${
    process.version
  }`,
);
console.log(
  `${fmt(SLOS)} SLOs (one per service, 2 counters each), ${fmt(
    meta.samplesPerSeries,
    0,
  )} samples per series; ` +
    `batch size ${BATCH_SIZE}, concurrency ${CONCURRENCY}, ${ROUNDS} rounds\n`,
);
console.log('what                                   figure');
console.log(
  '-------------------------------------  ------------------------------',
);
console.log(
  `data: generate + backfill (once)       ${fmt(
    meta.generateMs / 1000,
  )} s + ${fmt(meta.backfillMs / 1000)} s (${fmt(
    meta.lines / 1e6,
  )} M lines, ${fmt(meta.inputBytes / 1048576, 0)} MiB)`,
);
console.log(
  `objectives evaluated per cycle         ${fmt(
    last.statuses.length,
    0,
  )} (${Object.entries(states)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')})`,
);
console.log(
  `PromQL expressions per cycle           ${fmt(
    last.expressions,
    0,
  )} (the requests it would take unbatched)`,
);
console.log(
  `PromQL requests per cycle              ${fmt(last.requests.length, 0)}`,
);
console.log(
  `cycle time, median (min–max)           ${fmt(median(cycleMs), 0)} ms (${fmt(
    Math.min(...cycleMs),
    0,
  )}–${fmt(Math.max(...cycleMs), 0)})`,
);
console.log(
  `same requests sent directly, median    ${fmt(median(directMs), 0)} ms (${fmt(
    Math.min(...directMs),
    0,
  )}–${fmt(Math.max(...directMs), 0)})`,
);
console.log(
  `ratio cycle / direct, median           ${fmt(
    median(ratios),
    2,
  )}× (per round: ${ratios.map(r => fmt(r, 2)).join(', ')})`,
);
console.log(
  `this process's CPU: cycle / direct     ${fmt(
    median(cycleCpuMs),
    0,
  )} ms / ${fmt(
    median(directCpuMs),
    0,
  )} ms (median; the plugin's own work is the difference)`,
);
console.log(
  `RSS at the end                         ${fmt(rss / 1048576, 0)} MiB`,
);
process.exit(0);
