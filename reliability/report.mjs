#!/usr/bin/env node
// Prints the suite's one table of figures from the JSON files in a results folder.
//   node reliability/report.mjs RESULTS_DIR
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const read = name =>
  existsSync(join(dir, name))
    ? JSON.parse(readFileSync(join(dir, name), 'utf8'))
    : undefined;
const text = name =>
  existsSync(join(dir, name))
    ? readFileSync(join(dir, name), 'utf8')
    : undefined;
const rows = [];
const row = (part, db, figure, value, ok) =>
  rows.push([
    part,
    db,
    figure,
    String(value),
    ok === undefined ? '' : ok ? 'ok' : 'FAIL',
  ]);
const sec = ms =>
  ms === null || ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`;

for (const db of ['sqlite', 'postgres']) {
  const load = read(`load-${db}.json`);
  if (load) {
    const v = read(`verify-load-${db}.json`);
    row(
      'load',
      db,
      `requests served (${load.clients} clients × ${load.seconds} s)`,
      load.requests,
    );
    row(
      'load',
      db,
      '5xx responses',
      load.serverErrors,
      load.serverErrors === 0,
    );
    const unanswered = Object.values(load.endpoints).reduce(
      (n, e) =>
        n +
        Object.entries(e.statuses)
          .filter(([s]) => s.startsWith('no-response'))
          .reduce((m, [, c]) => m + c, 0),
      0,
    );
    row(
      'load',
      db,
      'requests without an answer (30 s timeout, reset)',
      unanswered,
      unanswered === 0,
    );
    for (const [label, e] of Object.entries(load.endpoints).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      row(
        'load',
        db,
        `p50 / p99 ${label}`,
        `${e.p50} / ${e.p99} ms (n=${e.count})`,
      );
    }
    if (v?.writes) {
      row(
        'load',
        db,
        'writes acknowledged / found exactly once',
        `${v.writes.acknowledged} / ${v.writes.foundOnce}`,
        v.failures.length === 0,
      );
    }
  }
  const crash = read(`crash-${db}.json`);
  if (crash) {
    const v = crash.verify;
    row(
      'crash',
      db,
      'writes acknowledged before kill -9 / found after restart',
      `${v?.writes?.acknowledged ?? '?'} / ${v?.writes?.foundOnce ?? '?'}`,
      v?.failures?.length === 0,
    );
    row(
      'crash',
      db,
      'orphans / half-written records',
      v ? Object.values(v.integrity).reduce((a, b) => a + b, 0) : '?',
      v && Object.values(v.integrity).every(n => n === 0),
    );
    row(
      'crash',
      db,
      'migrations rows before / after',
      `${v?.before?.knex_migrations ?? '?'} / ${
        v?.counts?.knex_migrations ?? '?'
      }`,
      v && v.before?.knex_migrations === v.counts?.knex_migrations,
    );
    row(
      'crash',
      db,
      'recovery time (restart until ready)',
      sec(crash.recoveryMs),
    );
    const crash5xx = crash.load
      ? crash.load.serverErrors - (crash.load.unavailable ?? 0)
      : undefined;
    row(
      'crash',
      db,
      '5xx other than 503 during the write load',
      crash5xx ?? '?',
      crash5xx === 0,
    );
    row(
      'crash',
      db,
      "503 'starting' answers while the backend restarted",
      crash.load?.unavailable ?? '?',
    );
    // An empty 404 while the plugins start would read as "this record does not exist".
    const notFound = crash.load
      ? Object.values(crash.load.endpoints).reduce(
          (n, e) => n + (e.statuses['404'] ?? 0),
          0,
        )
      : undefined;
    row(
      'crash',
      db,
      '404 answers to existing records while restarting',
      notFound ?? '?',
      notFound === 0,
    );
  }
  const outage = read(`outage-${db}.json`);
  if (outage) {
    row(
      'outage',
      db,
      `answers while database down ${sec(outage.outageMs)}`,
      JSON.stringify(outage.statuses),
      Object.keys(outage.statuses).length > 0 &&
        Object.keys(outage.statuses).every(status => status === '503'),
    );
    if (outage.internalErrors)
      row(
        'outage',
        db,
        'answers of 500 while the database stops, is down and starts',
        Object.keys(outage.internalErrors).length
          ? JSON.stringify(outage.internalErrors)
          : 'none',
        Object.keys(outage.internalErrors).length === 0,
      );
    row(
      'outage',
      db,
      'slowest answer while down',
      `${outage.maxMs} ms`,
      outage.maxMs <= 10_000,
    );
    row(
      'outage',
      db,
      'recovery time after database is back (read / write)',
      `${sec(outage.recovery.read)} / ${sec(outage.recovery.write)}`,
      outage.recovery.read !== null && outage.recovery.write !== null,
    );
    if (outage.jobRetries)
      row(
        'outage',
        db,
        'scheduled job warnings logged while down',
        JSON.stringify(outage.jobRetries),
      );
    if (outage.jobsResumed !== null && outage.jobsResumed !== undefined)
      row(
        'outage',
        db,
        'SLO evaluation ran again without a restart',
        outage.jobsResumed ? 'yes' : 'no',
        outage.jobsResumed,
      );
    if (outage.heldLocks)
      row(
        'outage',
        db,
        'job locks still held after recovery (run interrupted by the outage)',
        outage.heldLocks.length ? outage.heldLocks.join(', ') : 'none',
      );
    const v = read(`verify-outage-${db}.json`);
    if (v?.writes)
      row(
        'outage',
        db,
        'writes acknowledged / found exactly once',
        `${v.writes.acknowledged} / ${v.writes.foundOnce}`,
        v.failures.length === 0,
      );
  }
  const rep = read(`replicas-${db}.json`);
  if (rep) {
    row(
      'replicas',
      db,
      'concurrent postmortem edits: ok / 409 / lost',
      `${rep.edits.ok} / ${rep.edits.conflicts} / ${rep.edits.lost}`,
      rep.edits.lost === 0 && rep.edits.ok === rep.edits.rounds,
    );
    row(
      'replicas',
      db,
      `SLO evaluations in ${sec(rep.jobs.windowMs)} (expected ≤ ${
        rep.jobs.sloEvaluationsExpected + 1
      }) / duplicates`,
      `${rep.jobs.sloEvaluations} / ${rep.jobs.sloDuplicateRuns}`,
      rep.jobs.sloDuplicateRuns === 0,
    );
    if (rep.jobs.runbookRefreshesPerReplica)
      row(
        'replicas',
        db,
        `runbook refreshes per replica (expected ≈ ${rep.jobs.runbookRefreshesExpected} in all)`,
        rep.jobs.runbookRefreshesPerReplica.join(' + '),
      );
    if (rep.notifications)
      row(
        'replicas',
        db,
        `notifications per kind, events / sent (${rep.notifications.triggered.join(
          ', ',
        )} triggered) / sent twice`,
        `${Object.entries(rep.notifications.byKind)
          .map(([kind, n]) => `${kind} ${n.events} / ${n.notifications}`)
          .join(', ')} / ${rep.notifications.duplicates.length}`,
        rep.notifications.duplicates.length === 0 &&
          rep.notifications.triggered.every(k => rep.notifications.byKind[k]),
      );
    const v = read(`verify-replicas-${db}.json`);
    if (v?.writes)
      row(
        'replicas',
        db,
        'writes through both replicas: acknowledged / found once',
        `${v.writes.acknowledged} / ${v.writes.foundOnce}`,
        v.failures.length === 0,
      );
  }
}

for (const part of ['fuzz', 'access', 'browser']) {
  const out = text(`${part}.txt`);
  if (out === undefined) continue;
  const status = read(`${part}.status.json`);
  const cases = (/cases tried:\s*([\d,]+)/i.exec(out) ??
    /([\d,]+)\s+(?:fuzz\s+)?cases\b/i.exec(out))?.[1];
  row(
    part,
    '',
    cases ? `${part} cases tried` : `${part} exit status`,
    cases ?? status?.code ?? '?',
    status ? status.code === 0 : undefined,
  );
}

const widths = [0, 1, 2, 3, 4].map(i =>
  Math.max(
    ...rows.map(r => r[i].length),
    ['part', 'db', 'figure', 'value', ''][i].length,
  ),
);
const line = r => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
console.log(line(['part', 'db', 'figure', 'value', 'check']));
console.log(widths.map(w => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
const failed = rows.filter(r => r[4] === 'FAIL').length;
console.log(
  `\n${rows.length} figures, ${failed} failed checks (details: ${dir})`,
);
process.exit(failed ? 1 : 0);
