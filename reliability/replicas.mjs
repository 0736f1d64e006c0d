#!/usr/bin/env node
// Two replicas on one PostgreSQL:
//  - concurrent edits: the same postmortem version is PATCHed through both replicas at once,
//    --rounds times; each round must give exactly one 200 and one 409, and the stored text
//    must be the winner's (nothing lost, nothing half-applied);
//  - scheduled jobs: over the window since --since (epoch ms), the SLO evaluation ran once per
//    interval across both replicas (no two evaluations of one SLO closer than half the interval),
//    and the runbook refresh ran about once per interval (counted in both replicas' logs).
//
//   node reliability/replicas.mjs --url A --url2 B --db postgresql://.../backstage_plugin_reliability \
//     --since MS --slo-interval 10 --runbook-interval 20 --logs a.log,b.log --out replicas.json
import { readFileSync, writeFileSync } from 'node:fs';
import knexFactory from 'knex';
import { call, parseArgs } from './lib/client.mjs';
import { CHECKOUT, findTargets, waitUntilOwner } from './lib/targets.mjs';

const args = parseArgs(process.argv.slice(2));
const apis = [args.url, args.url2].map(u => `${u}/api/reliability`);
const token = await waitUntilOwner(args.url);
const targets = await findTargets(apis[0], token);
const postmortemId = targets.postmortemIds[0];
const rounds = Number(args.rounds ?? 20);
const failures = [];

// Concurrent edits
const edits = { rounds, ok: 0, conflicts: 0, other: {}, lost: 0 };
for (let round = 0; round < rounds; round++) {
  const current = await call(
    apis[0],
    token,
    'GET',
    `/postmortems/${postmortemId}`,
  );
  const version = current.body?.version ?? current.body?.postmortem?.version;
  const texts = apis.map((_, i) => `replica ${i} round ${round} ${Date.now()}`);
  const answers = await Promise.all(
    apis.map((api, i) =>
      call(api, token, 'PATCH', `/postmortems/${postmortemId}`, {
        version,
        lessonsLearned: texts[i],
      }),
    ),
  );
  const winners = [];
  answers.forEach((a, i) => {
    if (a.status === 200) {
      edits.ok++;
      winners.push(i);
    } else if (a.status === 409) edits.conflicts++;
    else edits.other[a.status] = (edits.other[a.status] ?? 0) + 1;
  });
  const after = await call(
    apis[1],
    token,
    'GET',
    `/postmortems/${postmortemId}`,
  );
  const stored =
    after.body?.lessonsLearned ?? after.body?.postmortem?.lessonsLearned;
  if (winners.length !== 1 || stored !== texts[winners[0]]) edits.lost++;
}
if (edits.ok !== rounds || edits.conflicts !== rounds || edits.lost) {
  failures.push(`concurrent edits: ${JSON.stringify(edits)}`);
}

// Scheduled jobs
const knex = knexFactory({
  client: 'pg',
  connection: args.db,
  pool: { min: 0, max: 1 },
});
const since = new Date(Number(args.since));
const sloIntervalMs = Number(args['slo-interval'] ?? 10) * 1000;
const rows = await knex('slo_snapshots')
  .where('evaluated_at', '>=', since)
  .orderBy(['slo_id', 'evaluated_at'])
  .select('slo_id', 'evaluated_at');
const instants = new Set(rows.map(r => new Date(r.evaluated_at).getTime()));
let closePairs = 0;
for (let i = 1; i < rows.length; i++) {
  if (rows[i].slo_id === rows[i - 1].slo_id) {
    const gap =
      new Date(rows[i].evaluated_at) - new Date(rows[i - 1].evaluated_at);
    if (gap < sloIntervalMs / 2) closePairs++;
  }
}
await knex.destroy();
const windowMs = Date.now() - since.getTime();
const jobs = {
  windowMs,
  sloEvaluations: instants.size,
  sloEvaluationsExpected: Math.floor(windowMs / sloIntervalMs),
  sloDuplicateRuns: closePairs,
};
if (closePairs > 0)
  failures.push(
    `${closePairs} SLO evaluations ran twice within half an interval`,
  );
if (instants.size > jobs.sloEvaluationsExpected + 1)
  failures.push(`SLO evaluation ran ${instants.size} times in ${windowMs} ms`);
if (args.logs) {
  const counts = String(args.logs)
    .split(',')
    .map(
      file =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter(
            l =>
              l.includes('Refreshed the runbooks of') &&
              Date.parse(
                /\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(
                  l.replace(/\x1b\[[0-9;]*m/g, ''),
                )?.[0] ?? '',
              ) >= since.getTime(),
          ).length,
    );
  jobs.runbookRefreshesPerReplica = counts;
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = Math.floor(
    windowMs / (Number(args['runbook-interval'] ?? 20) * 1000),
  );
  jobs.runbookRefreshesExpected = expected;
  if (total > expected + 1)
    failures.push(
      `runbook refresh ran ${total} times (expected about ${expected})`,
    );
}

const result = { edits, jobs, failures };
if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2));
console.log(
  `replicas: concurrent edits ${edits.ok} ok / ${edits.conflicts} conflicts / ${edits.lost} lost in ${rounds} rounds; ` +
    `SLO evaluations ${jobs.sloEvaluations} in ${(windowMs / 1000).toFixed(
      0,
    )} s (expected ≤ ${jobs.sloEvaluationsExpected + 1}), ` +
    `${closePairs} duplicate; runbook refreshes per replica ${JSON.stringify(
      jobs.runbookRefreshesPerReplica,
    )}` +
    (failures.length ? `\n  FAILED: ${failures.join('; ')}` : ''),
);
process.exit(failures.length ? 1 : 0);
