#!/usr/bin/env node
// Hostile-input fuzzer for /api/reliability: sends malformed and hostile requests to every route
// and checks that none answers 5xx, that the backend stays up, and that strings stored through
// valid writes come back byte-identical.
//
//   node reliability/fuzz/run.mjs [--cases N] [--seed S] [--postgres postgresql://…]
//
// Without RELIABILITY_BACKEND_URL it starts packages/backend itself (in-memory SQLite, or the
// PostgreSQL server of --postgres / RELIABILITY_FUZZ_POSTGRES_URL) and stops it at the end.
import { startBackend, WEBHOOK_SECRET } from './backend.mjs';
import {
  checkEntityFileAttacks,
  prepareEntityFileAttacks,
  SECRET_MARKER,
} from './entityFiles.mjs';
import {
  deepJson,
  hostileQuery,
  hostileSegment,
  hostileValue,
  pick,
  random,
  STORABLE_STRINGS,
  UNSTORABLE_STRINGS,
} from './payloads.mjs';
import { HOSTILE_LABELS, restrictedScheduleBody, ROUTES } from './routes.mjs';
import { roundTrips } from './roundTrip.mjs';

function args() {
  const out = {
    cases: 10_000,
    seed: 7,
    concurrency: 6,
    postgres: process.env.RELIABILITY_FUZZ_POSTGRES_URL,
  };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = inline ?? argv[++i];
    if (key === '--cases') out.cases = Number(value);
    else if (key === '--seed') out.seed = Number(value);
    else if (key === '--concurrency') out.concurrency = Number(value);
    else if (key === '--postgres') out.postgres = value;
    else throw new Error(`unknown option ${key}`);
  }
  return out;
}

const options = args();
let backend;
let attacks;
const stopBackend = async () => {
  await backend?.stop();
  await attacks?.stop();
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stopBackend();
    process.exit(130);
  });
}

/** A client for one backend; every answer is checked for 5xx and for connection failures. */
class Client {
  constructor(base, token) {
    this.base = `${base}/api/reliability`;
    this.token = token;
    this.failures = [];
    this.crashes = 0;
    this.fiveXx = 0;
    this.leaks = 0;
  }

  async send(
    label,
    method,
    path,
    {
      body,
      raw,
      contentType,
      headers = {},
      auth = 'user',
      timeoutMs = 60_000,
    } = {},
  ) {
    const h = { ...headers };
    if (auth === 'user') h.authorization = `Bearer ${this.token}`;
    else if (auth === 'webhook')
      h.authorization = `Bearer ${
        process.env.RELIABILITY_WEBHOOK_SECRET ?? WEBHOOK_SECRET
      }`;
    else if (auth) h.authorization = auth;
    let payload;
    if (raw !== undefined) {
      payload = raw;
      h['content-type'] = contentType ?? 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = contentType ?? 'application/json';
    }
    try {
      const res = await fetch(this.base + path, {
        method,
        headers: h,
        body: method === 'GET' || method === 'HEAD' ? undefined : payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      // A file an entity named must never come back (a problem may quote it upper-cased).
      if (text.toLowerCase().includes(SECRET_MARKER)) {
        this.leaks++;
        this.failures.push(
          `${label}: ${method} ${path.slice(0, 160)} → answered with a file's secret`,
        );
      }
      if (res.status >= 500) {
        this.fiveXx++;
        this.failures.push(
          `${label}: ${method} ${path.slice(0, 160)} → ${
            res.status
          } ${text.slice(0, 300)}`,
        );
      }
      return { status: res.status, text, json: () => JSON.parse(text) };
    } catch (error) {
      this.crashes++;
      this.failures.push(
        `${label}: ${method} ${path.slice(0, 160)} → no answer (${
          error.cause?.code ?? error.name
        }: ${error.message})`,
      );
      return { status: 0, text: '', json: () => ({}) };
    }
  }
}

/**
 * Waits until the catalog has processed the demo entities: the guest's ownership claims are
 * resolved at sign-in, so signing in earlier would give a token that owns nothing.
 */
async function waitForCatalog(base) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const auth = { authorization: `Bearer ${await token(base)}` };
      const get = path =>
        fetch(`${base}/api/catalog/entities/by-name/${path}`, {
          headers: auth,
        }).then(r => (r.ok ? r.json() : undefined));
      const [user, component] = await Promise.all([
        get('user/default/lena.hoffmann'),
        get('component/default/checkout'),
      ]);
      if (
        user?.relations?.some(r => r.type === 'memberOf') &&
        component?.relations?.some(r => r.type === 'ownedBy')
      )
        return;
    } catch {}
    if (Date.now() > deadline)
      throw new Error(
        'the catalog did not process the demo entities within 180 s',
      );
    await new Promise(r => setTimeout(r, 2000));
  }
}

async function token(base) {
  const res = await fetch(`${base}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()).backstageIdentity.token;
}

async function ok(client, method, path, body, status = [200, 201]) {
  const res = await client.send('setup', method, path, { body });
  if (!status.includes(res.status))
    throw new Error(
      `setup ${method} ${path}: ${res.status} ${res.text.slice(0, 400)}`,
    );
  return res.text ? res.json() : undefined;
}

/**
 * How long `GET /oncall` may take on an idle backend with every schedule the
 * run stored (20-restriction ones among them; one took 5 s before restriction
 * windows were bounded).
 */
const ONCALL_BUDGET_MS = 2_000;

/** Times `GET /oncall`; a slow answer is a failure. */
async function timeOnCall(client, when) {
  const started = performance.now();
  const res = await client.send(`on-call ${when}`, 'GET', '/oncall');
  const ms = performance.now() - started;
  if (res.status === 200 && ms > ONCALL_BUDGET_MS) {
    client.failures.push(
      `on-call ${when}: GET /oncall took ${Math.round(
        ms,
      )} ms (budget ${ONCALL_BUDGET_MS} ms)`,
    );
    return { ms, slow: 1 };
  }
  return { ms, slow: 0 };
}

/** Records the routes need: an incident, postmortem, action item, schedule, override, ids. */
async function seed(client) {
  const fx = { counter: Date.now() % 1_000_000 };
  const incident = await ok(client, 'POST', '/incidents', {
    entityRef: 'component:default/checkout',
    title: 'Fuzz target',
    severity: 'SEV3',
  });
  Object.assign(fx, {
    incidentId: incident.id,
    incidentVersion: incident.version,
  });
  const postmortem = await ok(client, 'POST', '/postmortems', {
    entityRef: 'component:default/checkout',
    incidentIds: [incident.id],
  });
  Object.assign(fx, {
    postmortemId: postmortem.id,
    postmortemVersion: postmortem.version,
  });
  const item = await ok(
    client,
    'POST',
    `/postmortems/${postmortem.id}/action-items`,
    {
      title: 'Fuzz target',
      type: 'detect',
      priority: 'P3',
      owner: 'user:default/lena.hoffmann',
    },
  );
  Object.assign(fx, { actionItemId: item.id, actionItemVersion: item.version });
  const schedules = await ok(client, 'GET', '/schedules');
  const template = schedules.find(
    s => s.ownerRef === 'group:default/team-checkout',
  );
  const { name: _n, overrides: _o, ...scheduleTemplate } = template.schedule;
  fx.scheduleTemplate = scheduleTemplate;
  const schedule = await ok(client, 'POST', '/schedules', {
    name: `fuzz-target-${fx.counter}`,
    ownerRef: template.ownerRef,
    schedule: { ...scheduleTemplate, overrides: [] },
  });
  fx.scheduleInput = {
    name: schedule.name,
    ownerRef: schedule.ownerRef,
    schedule: { ...scheduleTemplate, overrides: [] },
  };
  const withOverride = await ok(
    client,
    'POST',
    `/schedules/${schedule.id}/overrides`,
    {
      version: schedule.version,
      user: 'user:default/lena.hoffmann',
      start: '2027-05-01T09:00:00Z',
      end: '2027-05-01T17:00:00Z',
    },
  );
  Object.assign(fx, {
    scheduleId: schedule.id,
    scheduleVersion: withOverride.version,
    overrideId: withOverride.schedule.overrides[0].id,
  });
  const feed = await ok(
    client,
    'POST',
    `/schedules/${schedule.id}/feed-token`,
    {},
  );
  fx.feedToken = new URL(feed.path, 'http://x').searchParams.get('token');
  // A schedule that once stalled the backend, stored from the start.
  await ok(client, 'POST', '/schedules', restrictedScheduleBody(fx));
  // Read checkout's definitions now, so that SLO and runbook ids exist from the first case on.
  const slos = await ok(client, 'POST', '/slos/refresh?entityRef=component:default/checkout', {});
  const push = slos.slos.find(s => s.sourceType === 'push') ?? slos.slos[0];
  Object.assign(fx, {
    sloId: slos.slos[0]?.id ?? 'none',
    pushEntity: push?.entityRef ?? 'component:default/checkout',
    pushSlo: push?.sloName ?? 'none',
  });
  const runbooks = await ok(client, 'POST', '/runbooks/refresh?entityRef=component:default/checkout', {});
  fx.runbookId = runbooks.runbooks[0]?.id ?? 'component:default/checkout/none';
  return fx;
}

const MUTATIONS = [
  'field',
  'field',
  'field',
  'type',
  'extra',
  'raw',
  'query',
  'segment',
  'auth',
  'valid',
];

/** One hostile request derived from a route's valid request. */
function buildCase(rnd, route, fx) {
  let path = route.path(fx);
  let query = route.baseQuery?.(fx) ?? '';
  // A copy: mutations must never reach the fixtures the next cases start from.
  let body = route.body ? structuredClone(route.body(fx)) : undefined;
  const send = { auth: route.webhook ? 'webhook' : 'user' };
  let mutation = pick(rnd, MUTATIONS);
  if (route.webhook && rnd() < 0.3) mutation = 'labels';
  if (mutation === 'segment' && !route.segments) mutation = 'query';
  if (mutation === 'query' && !route.query) mutation = body ? 'field' : 'auth';
  if (['field', 'type', 'extra', 'raw'].includes(mutation) && !body)
    mutation = route.query ? 'query' : 'segment';
  if (mutation === 'segment' && !route.segments)
    mutation = rnd() < 0.5 ? 'auth' : 'junk-query';
  if (mutation === 'junk-query')
    query = hostileQuery(rnd, ['x', 'limit', 'entityRef', '__proto__']);

  switch (mutation) {
    case 'field': {
      const target = body;
      const keys = Object.keys(target);
      const key = pick(rnd, keys.length ? keys : ['x']);
      target[key] = hostileValue(rnd);
      const isObject = v => typeof v === 'object' && v !== null;
      if (rnd() < 0.3 && Array.isArray(body.alerts) && isObject(body.alerts[0]))
        body.alerts[0][
          pick(rnd, [
            'labels',
            'annotations',
            'startsAt',
            'endsAt',
            'fingerprint',
            'status',
            'generatorURL',
          ])
        ] = hostileValue(rnd);
      if (rnd() < 0.3 && isObject(body.schedule))
        body.schedule[
          pick(rnd, ['layers', 'timeZone', 'overrides', 'description'])
        ] = hostileValue(rnd);
      if (
        rnd() < 0.3 &&
        isObject(body.schedule) &&
        Array.isArray(body.schedule.layers) &&
        isObject(body.schedule.layers[0])
      )
        body.schedule.layers[0][
          pick(rnd, [
            'name',
            'participants',
            'rotation',
            'handoff',
            'start',
            'restrictions',
          ])
        ] = hostileValue(rnd);
      if (
        rnd() < 0.3 &&
        Array.isArray(body.samples) &&
        isObject(body.samples[0])
      )
        body.samples[0][
          pick(rnd, ['bucketStart', 'good', 'total', 'bucketSeconds'])
        ] = hostileValue(rnd);
      break;
    }
    case 'labels':
      // A valid payload whose labels the selectors must not choke on.
      for (const alert of body.alerts) {
        alert.labels = {
          alertname: 'FuzzAlert',
          ...pick(rnd, HOSTILE_LABELS)(),
        };
      }
      break;
    case 'type':
      body = pick(rnd, [null, 1, 'text', [], [body], true, hostileValue(rnd)]);
      send.raw = JSON.stringify(body) ?? 'undefined';
      break;
    case 'extra':
      body[
        pick(rnd, [
          '__proto__',
          'constructor',
          'id',
          'createdAt',
          'version',
          'author',
          'evil',
        ])
      ] = hostileValue(rnd);
      if (rnd() < 0.5)
        send.raw = JSON.stringify(body).replace(
          /^\{/,
          '{"__proto__":{"isAdmin":true},',
        );
      break;
    case 'raw':
      send.raw = pick(rnd, [
        () => '{"title": "unterminated',
        () => '{,}',
        () => "{'single': 'quotes'}",
        () => '',
        () => 'null',
        () =>
          deepJson(
            pick(rnd, [100, 1_000, 10_000, 100_000]),
            pick(rnd, ['array', 'object']),
          ),
        () =>
          JSON.stringify({
            ...body,
            padding: 'x'.repeat(pick(rnd, [900_000, 1_100_000, 5_000_000])),
          }),
        () => JSON.stringify(body).replace(/"[^"]*"/, '"\\ud800"'),
        () => JSON.stringify(body) + 'trailing',
        () => '\uFEFF' + JSON.stringify(body),
        () => Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('latin1'),
      ])();
      send.contentType = pick(rnd, [
        'application/json',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/yaml',
        'application/json; charset=utf-16',
        'multipart/form-data; boundary=x',
      ]);
      break;
    case 'query':
      query =
        rnd() < 0.5 && query
          ? `${query}&${hostileQuery(rnd, route.query)}`
          : hostileQuery(rnd, route.query);
      break;
    case 'segment': {
      const parts = path.split('/');
      const replaceable = parts
        .map((p, i) => i)
        .filter(
          i =>
            i > 1 &&
            !route.segments.includes(parts[i]) &&
            parts[i] !== 'overrides',
        );
      const i = replaceable.length ? pick(rnd, replaceable) : parts.length - 1;
      const suffix = parts[i].endsWith('.ics') ? '.ics' : '';
      parts[i] = hostileSegment(rnd) + suffix;
      path = parts.join('/');
      break;
    }
    case 'auth':
      send.auth = pick(rnd, [
        null,
        'Bearer ',
        'Bearer wrong',
        'Basic Zm9vOmJhcg==',
        'Bearer ' + 'a'.repeat(10_000),
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvYWRtaW4ifQ.',
        `Bearer ${'\u00e9'}`,
      ]);
      break;
    default:
      break; // a valid request now and then keeps records changing under the fuzzer
  }
  if (route.yaml && body && !send.raw && rnd() < 0.3) {
    send.raw = `apiVersion: reliability-hub.io/v1alpha1\nkind: Schedule\nname: ${pick(
      rnd,
      ['&a [*a, *a]', '!!js/function "x"', '*undefined', '{{{', 'x\n  - : :'],
    )}\n`;
    send.contentType = 'application/yaml';
  }
  if (send.raw === undefined && body !== undefined) send.body = body;
  return { mutation, path: query ? `${path}?${query}` : path, send };
}

async function main() {
  let base = process.env.RELIABILITY_BACKEND_URL;
  if (!base) {
    console.log(
      `Starting the backend (${
        options.postgres ? 'PostgreSQL' : 'in-memory SQLite'
      })…`,
    );
    attacks = await prepareEntityFileAttacks();
    backend = await startBackend({
      postgresUrl: options.postgres,
      configFiles: [attacks.configFile],
      extraLocations: attacks.locations,
    });
    base = backend.url;
    console.log(`Backend at ${base} (log: ${backend.logFile})`);
  }
  await waitForCatalog(base);
  const client = new Client(base, await token(base));
  const fx = await seed(client);
  // Hostile files behind catalog entities (only for a backend started here, with their config).
  const files = attacks
    ? await checkEntityFileAttacks(client, base, attacks)
    : undefined;
  client.failures.push(...(files?.failures ?? []));
  const onCallTimes = [await timeOnCall(client, 'after seeding')];
  const rnd = random(options.seed);
  const perRoute = new Map(
    ROUTES.map(r => [r.name, { tried: 0, statuses: {} }]),
  );
  const mutations = {};
  let tried = 0;
  let healthFailures = 0;

  const checkHealth = async () => {
    if (backend && !backend.alive()) return false;
    try {
      return (
        await fetch(`${base}/api/reliability/health`, {
          signal: AbortSignal.timeout(30_000),
        })
      ).ok;
    } catch {
      return false;
    }
  };

  const inFlight = new Map();
  let crashReported = false;
  /** Set when the backend stopped answering: the remaining cases would only wait. */
  let hung = false;
  let next = 0;
  const worker = async () => {
    while (next < options.cases && !hung) {
      const n = next++;
      const route = ROUTES[n % ROUTES.length];
      const c = buildCase(rnd, route, fx);
      const describe = () =>
        `case ${n} ${route.method} ${c.path.slice(0, 300)} ${(
          c.send.raw ??
          JSON.stringify(c.send.body) ??
          ''
        ).slice(0, 600)}`;
      inFlight.set(n, describe);
      const res = await client.send(
        `case ${n} (${c.mutation})`,
        route.method,
        c.path,
        c.send,
      );
      inFlight.delete(n);
      if (res.status === 0 && !crashReported) {
        // The request that brought the backend down is one of those in flight.
        crashReported = true;
        console.log(
          `No answer to case ${n}; in flight then:\n  ${[
            describe,
            ...inFlight.values(),
          ]
            .map(d => d())
            .join('\n  ')}`,
        );
        if (!(await checkHealth())) {
          hung = true;
          client.failures.push(
            `the backend stopped answering after case ${n}; no more cases sent`,
          );
        }
      }
      tried++;
      const stats = perRoute.get(route.name);
      stats.tried++;
      stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
      mutations[c.mutation] = (mutations[c.mutation] ?? 0) + 1;
      // Follow the versions, so that valid and hostile changes keep reaching the records.
      if (
        res.status >= 200 &&
        res.status < 300 &&
        c.send.body?.version !== undefined
      ) {
        try {
          const v = res.json().version;
          if (route.name.startsWith('PATCH /incidents')) fx.incidentVersion = v;
          else if (route.name.startsWith('PATCH /postmortems'))
            fx.postmortemVersion = v;
          else if (route.name.startsWith('PATCH /action-items'))
            fx.actionItemVersion = v;
          else if (route.name.includes('/schedules/:id'))
            fx.scheduleVersion = v;
        } catch {}
      }
      if (tried % 500 === 0) {
        if (!(await checkHealth())) {
          healthFailures++;
          client.failures.push(`health check failed after ${tried} cases`);
          if (backend && !backend.alive())
            throw new Error('the backend process died');
        }
        process.stdout.write(`  ${tried} cases, ${client.fiveXx} 5xx\n`);
      }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));

  const trips = hung
    ? { checked: 0, mismatches: [], rejected: 0, requests: 0 }
    : await roundTrips(client, fx, {
        storable: STORABLE_STRINGS,
        unstorable: UNSTORABLE_STRINGS,
      });
  if (!hung) onCallTimes.push(await timeOnCall(client, 'after fuzzing'));
  const slowOnCall = onCallTimes.reduce((n, t) => n + t.slow, 0);
  const alive = await checkHealth();
  const crashes = client.crashes + healthFailures + (alive ? 0 : 1);

  console.log('\nPer route (cases: statuses)');
  for (const [name, stats] of perRoute) {
    const statuses = Object.entries(stats.statuses)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(
      `  ${name.padEnd(46)} ${String(stats.tried).padStart(5)}  ${statuses}`,
    );
  }
  console.log(
    `\nMutations: ${Object.entries(mutations)
      .map(([m, n]) => `${m} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `Round trips: ${trips.checked} stored strings checked, ${trips.mismatches.length} changed; ${trips.rejected} unstorable strings rejected with 400`,
  );
  for (const m of trips.mismatches.slice(0, 20)) console.log(`  MISMATCH ${m}`);
  for (const f of client.failures.slice(0, 40)) console.log(`  FAIL ${f}`);
  if (client.failures.length > 40)
    console.log(`  … and ${client.failures.length - 40} more`);
  console.log('');
  console.log(`fuzz cases tried: ${tried + trips.requests}`);
  console.log(`5xx: ${client.fiveXx}`);
  console.log(`crashes: ${crashes}`);
  console.log(`round-trip mismatches: ${trips.mismatches.length}`);
  console.log(
    files
      ? `entity-file attacks: ${files.checked} requests, ${files.failures.length} failures`
      : 'entity-file attacks: skipped (RELIABILITY_BACKEND_URL is set)',
  );
  console.log(`secrets echoed: ${client.leaks}`);
  console.log(
    `GET /oncall (after seeding / fuzzing): ${onCallTimes
      .map(t => `${Math.round(t.ms)} ms`)
      .join(' / ')}, slow: ${slowOnCall}`,
  );
  console.log(`duration: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return (
    client.fiveXx === 0 &&
    crashes === 0 &&
    trips.mismatches.length === 0 &&
    client.leaks === 0 &&
    (files?.failures.length ?? 0) === 0 &&
    slowOnCall === 0
  );
}

let passed = false;
try {
  passed = await main();
} catch (error) {
  console.error(`fuzz run failed: ${error.stack ?? error}`);
} finally {
  await stopBackend();
}
process.exit(passed ? 0 : 1);
