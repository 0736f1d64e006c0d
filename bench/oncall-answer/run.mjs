// What does one `GET /api/reliability/oncall` (every schedule the caller may
// see) cost the backend's CPU with 1,000 schedules? Seeds the plugin's
// database (SQLite in memory, or PostgreSQL with --pg <url>) with the
// schedules of `routes/seedSchedules.mjs`, mounts the plugin's real on-call
// routes in an express app in this process, with a catalog and a permission
// service that answer at once (counted, not timed: in a portal they are
// requests of their own, see the counts per request), and loads it with
// autocannon in a child process at 10 and at 200 connections. Prints this
// process's CPU per request (user + system; the client's is its own), the
// answer's size, and the longest event-loop delay while loaded.
//
//   node bench/oncall-answer/run.mjs [--pg postgresql://…/db] [--duration 5] [--count 1000] [--src dir]
import { execFile } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  monitorEventLoopDelay,
  performance,
  PerformanceObserver,
} from 'node:perf_hooks';
import { promisify } from 'node:util';
import { seedSchedules } from '../routes/seedSchedules.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));
rootRequire('@backstage/cli-node/config/nodeTransform.cjs');
const pluginRequire = createRequire(
  path.join(ROOT, 'plugins/reliability-backend/package.json'),
);
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
// Another copy of the plugin's sources (e.g. of an earlier commit, checked
// out under bench/.data/), to compare.
const SRC = path.resolve(
  option('src', path.join(ROOT, 'plugins/reliability-backend/src')),
);
const { DatabaseScheduleStore } = rootRequire(
  path.join(SRC, 'oncall/DatabaseScheduleStore.ts'),
);
const { ScheduleService } = rootRequire(
  path.join(SRC, 'oncall/ScheduleService.ts'),
);
const { createOnCallRouter } = rootRequire(path.join(SRC, 'oncall/router.ts'));
const { EntityVisibility } = rootRequire(
  path.join(SRC, 'access/EntityVisibility.ts'),
);
const knexFactory = pluginRequire('knex');
const express = pluginRequire('express');

const PG = option('pg');
const DURATION = Number(option('duration', 5));
const COUNT = Number(option('count', 1000));

const knex = knexFactory(
  PG
    ? { client: 'pg', connection: PG }
    : {
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
      },
);
await knex.migrate.latest({
  directory: path.join(ROOT, 'plugins/reliability-backend/migrations'),
});
await seedSchedules(knex, { count: COUNT, log: console.log });

const calls = { catalog: 0, permission: 0 };
const catalog = {
  async getEntitiesByRefs({ entityRefs }) {
    calls.catalog++;
    return { items: entityRefs.map(ref => groupOf(ref)) };
  },
  async getEntityByRef(ref) {
    calls.catalog++;
    return groupOf(ref);
  },
};
function groupOf(ref) {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind[0].toUpperCase() + kind.slice(1),
    metadata: { namespace, name },
    spec: {},
  };
}
const credentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench-user-000' },
};
const auth = {
  async getOwnServiceCredentials() {
    return {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:reliability' },
    };
  },
};
const httpAuth = { credentials: async () => credentials };
const permissions = {
  async authorize(requests) {
    calls.permission++;
    return requests.map(() => ({ result: 'ALLOW' }));
  },
  async authorizeConditional(requests) {
    calls.permission++;
    return requests.map(() => ({ result: 'ALLOW' }));
  },
};
const store = DatabaseScheduleStore.create({ knex });
const service = ScheduleService.create({ store, catalog, auth });
const visibility = EntityVisibility.create({
  httpAuth,
  catalog,
  permissions,
  auth,
});
const app = express();
// As the portal's root router does: responses compressed for clients that
// take it (autocannon sends no Accept-Encoding unless told to).
app.use(rootRequire('compression')());
// The baseline in the same run: an answer the size of a catalog entity.
const entity = JSON.stringify(groupOf('component:default/bench-00001'));
app.get('/api/catalog/entities/by-name/:kind/:namespace/:name', (_req, res) => {
  res.type('json').send(entity);
});
app.use(
  '/api/reliability',
  createOnCallRouter({ store, service, access: {}, visibility, httpAuth }),
);
const server = http.createServer(app);
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/api/reliability/oncall`;

// The first answer, computed from nothing.
let t = performance.now();
const first = await fetch(url);
const body = await first.text();
const firstMs = performance.now() - t;
if (first.status !== 200) throw new Error(`${first.status} ${body}`);
const schedules = JSON.parse(body).schedules.length;

let gcMax = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries())
    gcMax = Math.max(gcMax, entry.duration);
}).observe({ entryTypes: ['gc'] });

const run = promisify(execFile);
const autocannon = path.join(ROOT, 'node_modules/.bin/autocannon');
async function load(connections, target = url, headers = []) {
  gcMax = 0;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const before = { ...calls };
  const cpu = process.cpuUsage();
  delay.enable();
  const { stdout } = await run(
    autocannon,
    [
      '-j',
      '-c',
      String(connections),
      '-d',
      String(DURATION),
      ...headers.flatMap(header => ['-H', header]),
      target,
    ],
    { maxBuffer: 64 << 20 },
  );
  delay.disable();
  const used = process.cpuUsage(cpu);
  const result = JSON.parse(stdout);
  const requests = result['2xx'];
  if (result.non2xx || result.errors) {
    throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return {
    connections,
    requests,
    cpuMs: (used.user + used.system) / 1000 / requests,
    p50: result.latency.p50,
    p99: result.latency.p99,
    maxDelay: delay.max / 1e6,
    p99Delay: delay.percentile(99) / 1e6,
    gcMax,
    what: `${target === url ? '/oncall' : 'baseline'}${
      headers.length ? ' gzip' : ''
    }`,
    catalog: (calls.catalog - before.catalog) / requests,
    permission: (calls.permission - before.permission) / requests,
  };
}

const baseline = url.replace(
  '/api/reliability/oncall',
  '/api/catalog/entities/by-name/component/default/bench-00001',
);
await load(10); // warm-up
const rows = [];
for (const connections of [10, 200]) {
  rows.push(await load(connections, baseline), await load(connections));
}
// A browser's request: gzip accepted.
rows.push(await load(10, url, ['accept-encoding=gzip, deflate, br']));
console.log(
  `GET /oncall, ${COUNT} schedules (${schedules} answered), ${
    PG ? 'PostgreSQL' : 'SQLite'
  }; ${(Buffer.byteLength(body) / 1024).toFixed(
    0,
  )} KiB; first answer ${firstMs.toFixed(0)} ms; baseline: ${
    entity.length
  } bytes of JSON from a route that does nothing else`,
);
console.log(
  'what          connections  requests  CPU/request  p50 ms  p99 ms  loop delay p99 / max  longest GC  catalog/req  permission/req',
);
for (const r of rows) {
  console.log(
    `${r.what.padEnd(12)}  ${String(r.connections).padStart(11)}  ${String(
      r.requests,
    ).padStart(8)}  ${`${r.cpuMs.toFixed(2)} ms`.padStart(11)}  ${String(
      r.p50,
    ).padStart(6)}  ${String(r.p99).padStart(6)}  ${`${r.p99Delay.toFixed(
      1,
    )} / ${r.maxDelay.toFixed(1)} ms`.padStart(20)}  ${`${r.gcMax.toFixed(
      1,
    )} ms`.padStart(10)}  ${r.catalog.toFixed(2).padStart(11)}  ${r.permission
      .toFixed(2)
      .padStart(14)}`,
  );
}
server.close();
await knex.destroy();
