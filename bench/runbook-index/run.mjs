// How fast is the runbook index at scale? Generates 10,000 structured runbooks
// (1,000 components × 10 runbook files, YAML and Markdown, beside each
// component's catalog file) and indexes them through the plugin's real refresh
// path (RunbookFileRefresher → readRunbookFiles → parseRunbookFile →
// DatabaseRunbookStore, loaded from source with the TypeScript transform
// `yarn start` uses) into a fresh SQLite file. It prints:
//
// - the refresh time: cold (every file parsed), warm (nothing changed: content
//   hashes match, nothing is parsed) and after 1 % of the files changed;
// - the library search's p50 / p99 per query kind (the store call behind
//   `GET /api/reliability/runbooks/library`), over --runs runs after a warm-up,
//   with the query's matches kept and as after a change to the runbooks.
//
// How to read it: the cold refresh is the price of the first start (or of a new
// plugin version); the warm one is what every scheduled refresh costs. Search
// figures are per request without HTTP; "first page" is the library's default
// view. Options: --components 1000 --per-component 10 --runs 200 --warmup 20.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '../..');
const DATA_DIR = path.join(ROOT, 'bench/.data/runbook-index');
const CATALOG_DIR = path.join(DATA_DIR, 'catalog');
const DB_FILE = path.join(DATA_DIR, 'reliability.sqlite');
const SRC = path.join(ROOT, 'plugins/reliability-backend/src');

const rootRequire = createRequire(path.join(ROOT, 'package.json'));
const pluginRequire = createRequire(
  path.join(ROOT, 'plugins/reliability-backend/package.json'),
);

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
const COMPONENTS = option('components', 1000);
const PER_COMPONENT = option('per-component', 10);
const RUNS = option('runs', 200);
const WARMUP = option('warmup', 20);
const TODAY = new Date().toISOString().slice(0, 10);

/** A small deterministic PRNG (mulberry32), so every run builds the same runbooks. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(42);
const pick = list => list[Math.floor(random() * list.length)];

const TOPICS = [
  [
    'Database connection pool exhaustion',
    'psql "$DB_URL" -c "select pid, state from pg_stat_activity"',
    'DBPoolSaturated',
    'postgres',
  ],
  [
    'High error rate after deploy',
    'kubectl -n {ns} rollout undo deploy/{name}',
    'HighErrorRate',
    'deploy',
  ],
  [
    'Latency SLO violation',
    'kubectl -n {ns} top pods',
    'HighLatency',
    'latency',
  ],
  [
    'Error budget burn rate',
    'curl -s http://prometheus:9090/api/v1/query --data-urlencode query=slo:burn_rate1h',
    'ErrorBudgetBurnFast',
    'slo',
  ],
  [
    'Disk full on a node',
    'kubectl -n {ns} exec deploy/{name} -- df -h /data',
    'DiskFull',
    'disk',
  ],
  [
    'Redis memory pressure',
    'kubectl -n {ns} exec deploy/redis -- redis-cli info memory',
    'RedisMemoryHigh',
    'redis',
  ],
  [
    'Certificate about to expire',
    'kubectl -n {ns} get certificate -o wide',
    'CertExpiringSoon',
    'tls',
  ],
  [
    'Queue consumer lag',
    'kubectl -n {ns} logs deploy/{name}-consumer --since=10m',
    'ConsumerLagHigh',
    'kafka',
  ],
  [
    'Dependency timeouts',
    'curl -s -o /dev/null -w "%{time_total}" https://{name}.internal/health',
    'UpstreamTimeouts',
    'dependency',
  ],
  [
    'Roll back a bad release',
    'argocd app rollback {name}',
    'DeployFailed',
    'rollback',
  ],
];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const TEAMS = Array.from(
  { length: 40 },
  (_, i) => `team-${String(i).padStart(2, '0')}`,
);
const SYSTEMS = Array.from(
  { length: 25 },
  (_, i) => `system-${String(i).padStart(2, '0')}`,
);

const componentName = i => `svc-${String(i).padStart(4, '0')}`;

function day(offsetDays) {
  return new Date(Date.now() - offsetDays * 86400000)
    .toISOString()
    .slice(0, 10);
}

function runbookYaml(component, index) {
  const [title, command, alert, tag] = TOPICS[index % TOPICS.length];
  const ns = component;
  const fill = text =>
    text.replaceAll('{ns}', ns).replaceAll('{name}', component);
  const reviewed = day(Math.floor(random() * 150)); // ~40 % older than 90 days
  const id = `${tag}-${index}`;
  return `id: ${id}
title: ${title} (${component} #${index})
severity: ${pick(SEVERITIES)}
alerts: [${component.replace(/[^a-z0-9]/g, '')}${alert}, ${alert}]
tags: [${tag}, ${pick(['tier-1', 'tier-2', 'tier-3'])}]
lastReviewed: ${reviewed}
reviewIntervalDays: 90
description: |
  What to do when ${component} shows ${title.toLowerCase()}. Generated for the benchmark.
steps:
  - title: Confirm the symptom
    commands:
      - ${JSON.stringify(fill(command))}
      - kubectl -n ${ns} get pods -o wide
    expected: The symptom is visible
    decisions:
      - condition: nothing unusual
        action: the alert may be noise; check the dashboard
        next: 3
  - title: Mitigate
    commands:
      - kubectl -n ${ns} scale deploy/${component} --replicas=${2 + (index % 6)}
  - title: Verify
    commands:
      - kubectl -n ${ns} rollout status deploy/${component}
verification:
  - ${alert} has resolved
escalation:
  - who: ${component} on-call
    contact: "#${component}"
`;
}

function generate() {
  fs.rmSync(CATALOG_DIR, { recursive: true, force: true });
  const entities = [];
  for (let c = 1; c <= COMPONENTS; c++) {
    const name = componentName(c);
    const dir = path.join(CATALOG_DIR, name);
    fs.mkdirSync(path.join(dir, 'runbooks'), { recursive: true });
    for (let r = 0; r < PER_COMPONENT; r++) {
      const yaml = runbookYaml(name, r);
      const file =
        r % 5 === 4
          ? path.join(dir, 'runbooks', `runbook-${r}.md`)
          : path.join(dir, 'runbooks', `runbook-${r}.yaml`);
      fs.writeFileSync(
        file,
        file.endsWith('.md')
          ? `---\n${yaml}---\n# Notes\n\nFree text.\n`
          : yaml,
      );
    }
    const catalogFile = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(catalogFile, `# generated\n`);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${catalogFile}`,
          'reliability-hub.io/runbooks': './runbooks',
        },
        links: [
          {
            url: `https://wiki.example/${name}`,
            title: `${name} wiki runbook`,
            type: 'runbook',
          },
        ],
      },
      spec: {
        type: 'service',
        owner: TEAMS[c % TEAMS.length],
        system: SYSTEMS[c % SYSTEMS.length],
      },
    });
  }
  return entities;
}

/** The catalog as the refresh sees it: paged queryEntities, getEntityByRef. */
function fakeCatalog(entities) {
  return {
    async queryEntities(request) {
      const offset = request?.cursor ? Number(request.cursor) : 0;
      const limit = request?.limit ?? 100;
      const items = entities.slice(offset, offset + limit);
      const next =
        offset + limit < entities.length ? String(offset + limit) : undefined;
      return {
        items,
        totalItems: entities.length,
        pageInfo: { nextCursor: next },
      };
    },
    async getEntityByRef(ref) {
      return entities.find(e => `component:default/${e.metadata.name}` === ref);
    },
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function measure(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    result = await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    result,
  };
}

async function main() {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  rootRequire('@backstage/cli-node/config/nodeTransform.cjs');
  const { applyDatabaseMigrations } = rootRequire(
    path.join(SRC, 'database/migrations.ts'),
  );
  const { DatabaseRunbookStore } = rootRequire(
    path.join(SRC, 'runbooks/store/DatabaseRunbookStore.ts'),
  );
  const { RunbookFileRefresher } = rootRequire(
    path.join(SRC, 'runbooks/files/RunbookFileRefresher.ts'),
  );
  const knexFactory = pluginRequire('knex');

  let t = Date.now();
  const entities = generate();
  console.log(
    `Generated ${
      COMPONENTS * PER_COMPONENT
    } runbook files for ${COMPONENTS} components in ${Date.now() - t} ms`,
  );

  // With the write-ahead log and its index, which a new file must not meet.
  for (const suffix of ['', '-wal', '-shm'])
    fs.rmSync(`${DB_FILE}${suffix}`, { force: true });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: DB_FILE },
    useNullAsDefault: true,
  });
  await applyDatabaseMigrations(knex);
  const store = DatabaseRunbookStore.create({ knex });
  const quiet = {
    info() {},
    warn: console.warn,
    error: console.error,
    debug() {},
    child() {
      return quiet;
    },
  };
  const refresher = RunbookFileRefresher.create({
    store,
    catalog: fakeCatalog(entities),
    auth: { getOwnServiceCredentials: async () => ({}) },
    urlReader: {},
    logger: quiet,
  });

  const rows = [];
  const timeRefresh = async label => {
    const started = Date.now();
    const summary = await refresher.refreshAll();
    const ms = Date.now() - started;
    rows.push([
      label,
      `${(ms / 1000).toFixed(2)} s`,
      `${summary.runbooks} runbooks, ${summary.parsedFiles} files parsed, ${summary.problems} problems`,
    ]);
  };
  await timeRefresh('refresh, cold (all parsed)');
  await timeRefresh('refresh, warm (nothing changed)');
  // Change 1 % of the files.
  const changed = Math.max(1, Math.floor(COMPONENTS / 100));
  for (let c = 1; c <= changed; c++) {
    const file = path.join(
      CATALOG_DIR,
      componentName(c * 100 > COMPONENTS ? c : c * 100),
      'runbooks',
      'runbook-0.yaml',
    );
    fs.appendFileSync(file, `# touched ${Date.now()}\n`);
  }
  await timeRefresh(`refresh, ${changed} files changed`);

  console.log(
    '\nRefresh (through RunbookFileRefresher.refreshAll, SQLite file):',
  );
  console.table(rows.map(([what, time, detail]) => ({ what, time, detail })));

  const base = { sort: 'title', limit: 20, today: TODAY };
  const page5 = async store => {
    let cursor;
    for (let i = 0; i < 5; i++) {
      const page = await store.searchLibrary({ ...base, cursor });
      cursor = page.nextCursor;
    }
  };
  const kinds = [
    ['first page, no filter', s => s.searchLibrary(base)],
    [
      'q = command fragment "pg_stat_activity"',
      s => s.searchLibrary({ ...base, q: 'pg_stat_activity' }),
    ],
    [
      'q = one alert name (1 match)',
      s => s.searchLibrary({ ...base, q: 'svc0500DiskFull' }),
    ],
    [
      'q = two words "redis memory"',
      s => s.searchLibrary({ ...base, q: 'redis memory' }),
    ],
    ['q = no match', s => s.searchLibrary({ ...base, q: 'zzzz-nothing' })],
    [
      'alert = HighErrorRate',
      s => s.searchLibrary({ ...base, alert: 'HighErrorRate' }),
    ],
    [
      'tag + severity',
      s => s.searchLibrary({ ...base, tag: 'postgres', severity: 'SEV1' }),
    ],
    [
      'stale = true, by last review',
      s => s.searchLibrary({ ...base, stale: true, sort: 'lastReviewed' }),
    ],
    [
      'q + owner + system',
      s =>
        s.searchLibrary({
          ...base,
          q: 'kubectl',
          owner: 'group:default/team-07',
          system: 'system:default/system-07',
        }),
    ],
    ['5 pages deep (cursor)', page5],
    [
      'by alert (incident page)',
      s => s.findByAlert('svc0500HighErrorRate', TODAY),
    ],
  ];
  // Each kind twice: from a store that has answered it before (the matches
  // kept) and from a new store per call, which reads the matches again as
  // the first request after a change to the runbooks does.
  const out = [];
  for (const [what, fn] of kinds) {
    const kept = await measure(() => fn(store));
    const fresh = await measure(() =>
      fn(DatabaseRunbookStore.create({ knex })),
    );
    out.push({
      query: what,
      matches:
        kept.result?.total ??
        (Array.isArray(kept.result) ? kept.result.length : ''),
      'kept p50 ms': kept.p50.toFixed(2),
      'kept p99 ms': kept.p99.toFixed(2),
      'after a change p50 ms': fresh.p50.toFixed(2),
      'after a change p99 ms': fresh.p99.toFixed(2),
    });
  }
  console.log(
    `\nLibrary search (${RUNS} runs after ${WARMUP} warm-up; 20 per page, with total):`,
  );
  console.table(out);
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
