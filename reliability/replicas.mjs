#!/usr/bin/env node
// Two replicas on one PostgreSQL:
//  - concurrent edits: the same postmortem version is PATCHed through both replicas at once,
//    --rounds times; each round must give exactly one 200 and one 409, and the stored text
//    must be the winner's (nothing lost, nothing half-applied);
//  - scheduled jobs: over the window since --since (epoch ms), the SLO evaluation ran once per
//    interval across both replicas (no two evaluations of one SLO closer than half the interval),
//    and the runbook refresh ran about once per interval (counted in both replicas' logs);
//  - notifications: an incident declared through one replica and escalated through both at once;
//    in the notifications backend's database (--notifications-db, by default the reliability
//    database's sibling backstage_plugin_notifications), every notification of the plugin since
//    --since reached each person once, whichever replica or job sent it, and each kind the
//    scenario triggered was sent.
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

// Notifications the scenario triggers: a declaration, then one escalation asked of both
// replicas at once (one wins, the other gets 409).
const triggered = [];
const declared = await call(apis[0], token, 'POST', '/incidents', {
  entityRef: CHECKOUT,
  title: `Two replicas notification check ${Date.now()}`,
  severity: 'SEV2',
});
if (declared.status === 201) {
  triggered.push('incidentDeclared');
  const { id, version } = declared.body;
  const escalations = await Promise.all(
    apis.map(api =>
      call(api, token, 'POST', `/incidents/${id}/escalate`, { version }),
    ),
  );
  const escalated = escalations.filter(a => a.status === 200);
  if (escalated.length > 1) {
    failures.push('one escalation was accepted by both replicas');
  } else if (escalated.length === 1) {
    triggered.push('incidentEscalated');
  }
  // Resolved, so that no job escalates it further while the checks run.
  const latest = escalated[0]?.body?.version ?? version;
  await call(apis[1], token, 'PATCH', `/incidents/${id}`, {
    version: latest,
    status: 'resolved',
  });
} else {
  failures.push(`declaring an incident answered ${declared.status}`);
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

// Each notification of the plugin reached each person once. The notifications backend stores
// one row per user; a second send of one event would store a second row with the same
// user, topic (the kind), title and link.
const notificationsDb =
  args['notifications-db'] ??
  String(args.db).replace(
    /backstage_plugin_reliability$/,
    'backstage_plugin_notifications',
  );
const notifications = { byKind: {}, duplicates: [], triggered };
// Sends finish after the answers; give them a moment.
await new Promise(resolve => setTimeout(resolve, 3000));
const notificationsKnex = knexFactory({
  client: 'pg',
  connection: notificationsDb,
  pool: { min: 0, max: 1 },
});
try {
  const sent = await notificationsKnex('notification')
    .where('created', '>=', since)
    .where('origin', 'like', '%reliability%')
    .select('user', 'topic', 'title', 'link');
  const seen = new Map();
  for (const n of sent) {
    const key = JSON.stringify([n.user, n.topic, n.title, n.link]);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const kind = (notifications.byKind[n.topic ?? 'none'] ??= {
      notifications: 0,
      events: new Set(),
    });
    kind.notifications++;
    kind.events.add(JSON.stringify([n.title, n.link]));
  }
  for (const [key, count] of seen) {
    if (count > 1)
      notifications.duplicates.push({ notification: JSON.parse(key), count });
  }
  for (const kind of Object.values(notifications.byKind)) {
    kind.events = kind.events.size;
  }
  if (notifications.duplicates.length) {
    failures.push(
      `${
        notifications.duplicates.length
      } notifications reached someone more than once: ${JSON.stringify(
        notifications.duplicates.slice(0, 3),
      )}`,
    );
  }
  for (const kind of triggered) {
    if (!notifications.byKind[kind]) {
      failures.push(`no ${kind} notification was stored`);
    }
  }
} catch (error) {
  failures.push(`could not read the notifications: ${error.message}`);
} finally {
  await notificationsKnex.destroy();
}

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

const result = { edits, jobs, notifications, failures };
if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2));
console.log(
  `replicas: concurrent edits ${edits.ok} ok / ${edits.conflicts} conflicts / ${edits.lost} lost in ${rounds} rounds; ` +
    `SLO evaluations ${jobs.sloEvaluations} in ${(windowMs / 1000).toFixed(
      0,
    )} s (expected ≤ ${jobs.sloEvaluationsExpected + 1}), ` +
    `${closePairs} duplicate; runbook refreshes per replica ${JSON.stringify(
      jobs.runbookRefreshesPerReplica,
    )}; ` +
    `notifications per kind ${JSON.stringify(
      Object.fromEntries(
        Object.entries(notifications.byKind).map(([k, v]) => [
          k,
          `${v.events} events, ${v.notifications} sent`,
        ]),
      ),
    )}, ${notifications.duplicates.length} sent twice` +
    (failures.length ? `\n  FAILED: ${failures.join('; ')}` : ''),
);
process.exit(failures.length ? 1 : 0);
