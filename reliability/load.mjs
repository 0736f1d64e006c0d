#!/usr/bin/env node
// Load: N concurrent clients for S seconds against one or more backends, mixing reads
// (entity summary, on-call now, SLO card, runbook search) and writes (incident notes,
// action items, schedule overrides). Every acknowledged write is appended to --acks
// (one JSON line each, written as soon as the answer arrives, so a crash keeps them);
// the figures go to --out as JSON.
//
//   node reliability/load.mjs --url http://localhost:7007 [--url2 ...] --clients 200 --seconds 60 \
//     --acks acks.jsonl --out load.json [--writes-only] [--run-id x]
import { appendFileSync, writeFileSync } from 'node:fs';
import { call, parseArgs, Stats } from './lib/client.mjs';
import { CHECKOUT, findTargets, waitUntilOwner } from './lib/targets.mjs';

const args = parseArgs(process.argv.slice(2));
const urls = [args.url, args.url2].filter(Boolean);
const clients = Number(args.clients ?? 20);
const seconds = Number(args.seconds ?? 10);
const runId = String(args['run-id'] ?? Date.now().toString(36));
const writesOnly = Boolean(args['writes-only']);
const acksFile = args.acks;
const timeoutMs = Number(args.timeout ?? 30_000);

const token = await waitUntilOwner(urls[0]);
const apis = urls.map(u => `${u}/api/reliability`);
const targets = await findTargets(apis[0], token);
const stats = new Stats();
const q = encodeURIComponent(CHECKOUT);
const scheduleVersions = new Map();
let seq = 0;
const acked = { note: 0, actionItem: 0, override: 0 };
const rejected = {};

const pick = list => list[Math.floor(Math.random() * list.length)];

function ack(record) {
  acked[record.kind]++;
  if (acksFile) appendFileSync(acksFile, `${JSON.stringify(record)}\n`);
}

const reads = [
  ['GET /entity-summary', () => `/entity-summary?entityRef=${q}`],
  ['GET /oncall', () => `/oncall?entityRef=${q}`],
  ['GET /slos', () => `/slos?entityRef=${q}`],
  [
    'GET /runbooks/library',
    () =>
      `/runbooks/library?q=${pick([
        'checkout',
        'latency',
        'database',
        'payment',
      ])}`,
  ],
];

async function write(api, client) {
  const marker = `load ${runId} c${client} #${++seq} ✓ «ünïcode»`;
  const kind = pick(['note', 'note', 'actionItem', 'override']);
  if (kind === 'note') {
    const incidentId = pick(targets.incidentIds);
    const r = await call(
      api,
      token,
      'POST',
      `/incidents/${incidentId}/notes`,
      { message: marker },
      timeoutMs,
    );
    stats.add('POST /incidents/:id/notes', r);
    if (r.status === 201) ack({ kind, marker, incidentId });
    else
      rejected[`note ${r.status || r.error}`] =
        (rejected[`note ${r.status || r.error}`] ?? 0) + 1;
  } else if (kind === 'actionItem') {
    const postmortemId = pick(targets.postmortemIds);
    const r = await call(
      api,
      token,
      'POST',
      `/postmortems/${postmortemId}/action-items`,
      {
        title: marker,
        type: pick(['detect', 'mitigate', 'prevent', 'process']),
        priority: pick(['P1', 'P2', 'P3']),
        owner: 'group:default/team-checkout',
      },
      timeoutMs,
    );
    stats.add('POST /postmortems/:id/action-items', r);
    if (r.status === 201) ack({ kind, marker, postmortemId, id: r.body?.id });
    else
      rejected[`actionItem ${r.status || r.error}`] =
        (rejected[`actionItem ${r.status || r.error}`] ?? 0) + 1;
  } else {
    const scheduleId = pick(targets.scheduleIds);
    let version = scheduleVersions.get(scheduleId);
    if (!version) {
      const current = await call(
        api,
        token,
        'GET',
        `/schedules/${scheduleId}`,
        undefined,
        timeoutMs,
      );
      stats.add('GET /schedules/:id', current);
      version = current.body?.version;
      if (!version) return;
    }
    const start = new Date(
      Date.now() + (1 + Math.floor(Math.random() * 500)) * 3600_000,
    );
    const r = await call(
      api,
      token,
      'POST',
      `/schedules/${scheduleId}/overrides`,
      {
        version,
        user: 'user:default/lena.hoffmann',
        start: start.toISOString(),
        end: new Date(start.getTime() + 3600_000).toISOString(),
        reason: marker,
      },
      timeoutMs,
    );
    stats.add('POST /schedules/:id/overrides', r);
    if (r.status === 201) {
      scheduleVersions.set(scheduleId, r.body?.version);
      ack({ kind, marker, scheduleId });
    } else {
      // 409: another client changed the schedule first; read the new version next time.
      scheduleVersions.delete(scheduleId);
      rejected[`override ${r.status || r.error}`] =
        (rejected[`override ${r.status || r.error}`] ?? 0) + 1;
    }
  }
}

const started = Date.now();
const deadline = started + seconds * 1000;
await Promise.all(
  Array.from({ length: clients }, async (_, client) => {
    const api = apis[client % apis.length];
    while (Date.now() < deadline) {
      const before = stats.noResponse + stats.unavailableCount;
      if (writesOnly || Math.random() < 0.3) {
        await write(api, client);
      } else {
        const [label, path] = pick(reads);
        stats.add(
          label,
          await call(api, token, 'GET', path(), undefined, timeoutMs),
        );
      }
      // No answer or a 503 (backend killed, restarting, database down): do not spin.
      if (stats.noResponse + stats.unavailableCount > before) {
        await new Promise(r => setTimeout(r, 200));
      }
    }
  }),
);

const result = {
  runId,
  clients,
  seconds,
  elapsedMs: Date.now() - started,
  ...stats.summary(),
  acked,
  rejected,
  targets,
};
if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2));
console.log(
  `load: ${result.requests} requests in ${(result.elapsedMs / 1000).toFixed(
    1,
  )} s, ` +
    `${result.serverErrors} 5xx, acknowledged writes ${JSON.stringify(
      acked,
    )}, rejected ${JSON.stringify(rejected)}`,
);
for (const [label, e] of Object.entries(result.endpoints)) {
  console.log(
    `  ${label.padEnd(34)} n=${String(e.count).padStart(6)} p50=${
      e.p50
    } ms p99=${e.p99} ms ${JSON.stringify(e.statuses)}`,
  );
}
