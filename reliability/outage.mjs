#!/usr/bin/env node
// Database outage probe. Two steps:
//   node reliability/outage.mjs --url URL --seconds 45 --out timeline.json
//     signs in, then every 250 ms calls a read and a write probe (10 s client timeout) and
//     records status, latency and error message of each answer.
//   node reliability/outage.mjs --analyze timeline.json --down MS --up MS [--log backend.log] [--db PG_URL] [--load load.json] --out outage.json
//     MS are epoch milliseconds at which PostgreSQL was stopped and started again. Checks:
//     while down every answer is a 503 with a clear message, fast (no hang) and no 500;
//     no answer of the probe or of the load run alongside (--load) is a 500 at any time, also
//     while the database stops and starts;
//     after it is up, reports how long until reads and writes succeed again (recovery time),
//     from the backend log how often the scheduled jobs retried while it was down, and whether
//     the SLO evaluation ran again (waiting out the lock of a run the outage interrupted).
import { readFileSync, writeFileSync } from 'node:fs';
import { call, parseArgs } from './lib/client.mjs';
import { CHECKOUT, findTargets, waitUntilOwner } from './lib/targets.mjs';

const args = parseArgs(process.argv.slice(2));

if (args.analyze) {
  const timeline = JSON.parse(readFileSync(args.analyze, 'utf8'));
  const down = Number(args.down);
  const up = Number(args.up);
  // Requests that started after the stop and ended before the start saw a database that was down.
  const during = timeline.filter(t => t.at >= down + 500 && t.at + t.ms <= up);
  const statuses = {};
  for (const t of during) statuses[t.status] = (statuses[t.status] ?? 0) + 1;
  const messages = [
    ...new Set(during.filter(t => t.status === 503).map(t => t.message)),
  ];
  const maxMs = Math.round(Math.max(0, ...during.map(t => t.ms)));
  const recovered = probe => {
    const after = timeline.filter(t => t.probe === probe && t.at >= up);
    // The first success after which every answer of that probe succeeded.
    let firstOk;
    for (const t of after) {
      if (t.status >= 200 && t.status < 300) firstOk ??= t;
      else firstOk = undefined;
    }
    return firstOk ? Math.round(firstOk.at + firstOk.ms - up) : null;
  };
  const recovery = { read: recovered('read'), write: recovered('write') };
  let jobRetries = null;
  if (args.log) {
    const lines = readFileSync(args.log, 'utf8').split('\n');
    jobRetries = {};
    for (const raw of lines) {
      // Warnings and errors the scheduler logged for the plugin's jobs while the database was down.
      const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
      const m =
        /^(\d{4}-\d\d-\d\dT[\d:.]+Z) \S+ (warn|error) .*task="?(reliability[\w-]+)/.exec(
          line,
        );
      if (!m) continue;
      const at = Date.parse(m[1]);
      if (at < down || at > up) continue;
      jobRetries[m[3]] = (jobRetries[m[3]] ?? 0) + 1;
    }
  }
  let jobsResumed = null;
  let heldLocks = null;
  if (args.db) {
    // The SLO evaluation ran again after the database came back, without a restart.
    const { default: knexFactory } = await import('knex');
    const knex = knexFactory({
      client: 'pg',
      connection: args.db,
      pool: { min: 0, max: 1 },
    });
    const resumed = async () => {
      const [row] = await knex('slo_snapshots')
        .where('evaluated_at', '>', new Date(up))
        .count({ n: '*' });
      return Number(row.n) > 0;
    };
    // A job whose run the outage interrupted keeps its lock until the run's
    // timeout expires (or the run ends), so the next run may come that late:
    // wait for it until then and 30 s more (the task worker picks it up and
    // the run writes its snapshots at its end), but no more than 90 s.
    const locks = await knex('backstage_backend_tasks__tasks')
      .where('id', 'like', 'reliability%')
      .whereNotNull('current_run_ticket')
      .where('current_run_started_at', '<', new Date(up))
      .select('id', 'current_run_expires_at');
    heldLocks = locks.map(
      r => `${r.id} until ${new Date(r.current_run_expires_at).toISOString()}`,
    );
    const waitUntil = Math.min(
      Date.now() + 90_000,
      Math.max(
        Date.now(),
        ...locks.map(r => new Date(r.current_run_expires_at).getTime()),
      ) + 30_000,
    );
    jobsResumed = await resumed();
    while (!jobsResumed && Date.now() < waitUntil) {
      await new Promise(r => setTimeout(r, 2000));
      jobsResumed = await resumed();
    }
    await knex.destroy();
  }
  // 500s anywhere in the run: the probe's, and the load's per endpoint.
  const internalErrors = {};
  for (const t of timeline)
    if (t.status === 500)
      internalErrors[`probe ${t.probe}`] =
        (internalErrors[`probe ${t.probe}`] ?? 0) + 1;
  if (args.load) {
    const load = JSON.parse(readFileSync(args.load, 'utf8'));
    for (const [endpoint, { statuses: s }] of Object.entries(load.endpoints))
      if (s['500']) internalErrors[endpoint] = s['500'];
  }
  const failures = [];
  if (Object.keys(internalErrors).length)
    failures.push(
      `answers of 500 around the outage: ${JSON.stringify(internalErrors)}`,
    );
  if (jobsResumed === false)
    failures.push(
      'the SLO evaluation did not run again after the database came back',
    );
  const bad = Object.keys(statuses).filter(s => s !== '503');
  if (during.length === 0)
    failures.push('no request was answered while the database was down');
  if (bad.length)
    failures.push(
      `answers other than 503 while down: ${JSON.stringify(statuses)}`,
    );
  if (maxMs > 10_000)
    failures.push(`slowest answer while down took ${maxMs} ms`);
  if (recovery.read === null || recovery.write === null)
    failures.push('the API did not recover after the database came back');
  const result = {
    outageMs: up - down,
    requestsWhileDown: during.length,
    statuses,
    messages,
    maxMs,
    internalErrors,
    recovery,
    jobRetries,
    jobsResumed,
    heldLocks,
    failures,
  };
  if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2));
  console.log(
    `outage: ${during.length} requests while down ${(
      (up - down) /
      1000
    ).toFixed(1)} s: ${JSON.stringify(statuses)}, slowest ${maxMs} ms, ` +
      `message ${JSON.stringify(messages[0] ?? '')}; recovered after up: read ${
        recovery.read
      } ms, write ${recovery.write} ms; ` +
      `scheduled job warnings while down ${JSON.stringify(
        jobRetries,
      )}, SLO evaluation ran again after: ${jobsResumed}; job locks still held from before recovery: ${JSON.stringify(
        heldLocks,
      )}` +
      (failures.length ? `\n  FAILED: ${failures.join('; ')}` : ''),
  );
  process.exit(failures.length ? 1 : 0);
}

const token = await waitUntilOwner(args.url);
const api = `${args.url}/api/reliability`;
const targets = await findTargets(api, token);
const q = encodeURIComponent(CHECKOUT);
const deadline = Date.now() + Number(args.seconds ?? 45) * 1000;
const timeline = [];
let n = 0;
async function probe(name, method, path, body) {
  const at = Date.now();
  const r = await call(api, token, method, path, body, 10_000);
  timeline.push({
    probe: name,
    at,
    ms: Math.round(r.ms),
    status: r.status,
    message: r.body?.error?.message ?? r.error,
    stack: Boolean(r.body?.error?.stack),
  });
}
while (Date.now() < deadline) {
  const tick = Date.now();
  await Promise.all([
    probe('read', 'GET', `/entity-summary?entityRef=${q}`),
    probe('write', 'POST', `/incidents/${targets.incidentIds[0]}/notes`, {
      message: `outage probe ${tick} #${++n}`,
    }),
  ]);
  const wait = 250 - (Date.now() - tick);
  if (wait > 0) await new Promise(r => setTimeout(r, wait));
}
writeFileSync(args.out, JSON.stringify(timeline));
console.log(`outage probe: ${timeline.length} requests recorded`);
