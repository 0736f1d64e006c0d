// Seeds the reliability plugin's SQLite file for the entity-summary benchmark:
// 10,000 components, 200,000 incidents (+ their timeline events), 100,000
// postmortems and 1,000,000 action items, skewed so that a few "hot"
// components have thousands of incidents and most have ~18.
//
// The schema comes from the plugin's own migrations (knex.migrate.latest on
// plugins/reliability-backend/migrations); rows go in through better-sqlite3
// prepared statements in large transactions, stored the way knex stores them
// (timestamps as epoch milliseconds, due_date as 'YYYY-MM-DD'). The migrations'
// secondary indexes are dropped during the load and re-created afterwards from
// their exact CREATE INDEX statements, which is much faster than maintaining
// them row by row. No ANALYZE is run: the plugin never runs one either, so the
// query planner sees the same (statistics-free) database as in production.
//
// Standalone: `node bench/entity-summary/seed.mjs [--force]` (run.mjs calls it).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  apportion,
  componentName,
  componentRef,
  DB_DIR,
  DB_FILE,
  formatBytes,
  formatSeconds,
  knexFactory,
  MIGRATIONS_DIR,
  migrationsHash,
  prng,
  SEED_META_FILE,
  SEED_VERSION,
} from './lib.mjs';

export const SPEC = {
  components: 10_000,
  incidents: 200_000,
  postmortems: 100_000,
  actionItems: 1_000_000,
  /** Incidents of bench-00001 … bench-00010; the other 180,000 spread over the rest. */
  hotIncidents: [8000, 4000, 2000, 1500, 1200, 1000, 800, 600, 500, 400],
  historyDays: 730,
  groups: 50,
};

const DAY = 24 * 60 * 60 * 1000;
const MIN = 60 * 1000;
const TABLES = [
  'incidents',
  'incident_events',
  'postmortems',
  'postmortem_incidents',
  'action_items',
];

export function ownerGroup(i) {
  return `team-${String(i % SPEC.groups).padStart(2, '0')}`;
}

/** The seeded database is reused when it was built from the same migrations and generator. */
export function readSeedMeta() {
  if (!fs.existsSync(DB_FILE) || !fs.existsSync(SEED_META_FILE))
    return undefined;
  const meta = JSON.parse(fs.readFileSync(SEED_META_FILE, 'utf8'));
  if (meta.seedVersion !== SEED_VERSION || meta.migrations !== migrationsHash())
    return undefined;
  return meta;
}

function isoDate(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function pick(rand, items, weights) {
  let x = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

/** Minutes, log-uniformly between lo and hi: many short, a few long. */
function logUniform(rand, lo, hi) {
  return Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo)));
}

/**
 * Prepares `INSERT INTO table (cols) VALUES (...)` for the columns the table
 * really has (the migrations may have grown), and fails early on a NOT NULL
 * column without a default that the generator does not fill.
 */
function inserter(db, table, knownColumns) {
  const info = db.prepare(`PRAGMA table_info(${table})`).all();
  const present = new Set(info.map(c => c.name));
  const missing = info.filter(
    c =>
      c.notnull &&
      c.dflt_value === null &&
      !c.pk &&
      !knownColumns.includes(c.name),
  );
  if (missing.length) {
    throw new Error(
      `${table} has NOT NULL columns the seeder does not fill: ${missing
        .map(c => c.name)
        .join(', ')} — update bench/entity-summary/seed.mjs`,
    );
  }
  const columns = knownColumns.filter(c => present.has(c));
  const stmt = db.prepare(
    `INSERT INTO ${table} (${columns
      .map(c => `"${c}"`)
      .join(', ')}) VALUES (${columns.map(c => `@${c}`).join(', ')})`,
  );
  return row => stmt.run(row);
}

export async function seed({ log = console.log } = {}) {
  const started = Date.now();
  const now = started;
  const rand = prng(20261122);
  fs.mkdirSync(DB_DIR, { recursive: true });
  const tmpFile = `${DB_FILE}.tmp`;
  for (const f of [
    tmpFile,
    `${tmpFile}-journal`,
    `${tmpFile}-wal`,
    `${tmpFile}-shm`,
  ])
    fs.rmSync(f, { force: true });

  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: tmpFile },
    useNullAsDefault: true,
  });
  try {
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    const db = await knex.client.acquireConnection();
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('cache_size = -1000000');
      db.pragma('temp_store = MEMORY');

      // Drop the migrations' secondary indexes for the load; re-created below verbatim.
      const indexes = db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(
            () => '?',
          ).join(',')})`,
        )
        .all(...TABLES);
      for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);

      // --- incidents per component: a few hot ones, the rest ~18 each -------------------
      const n = SPEC.components;
      const hot = SPEC.hotIncidents;
      const hotTotal = hot.reduce((a, b) => a + b, 0);
      const rest = apportion(
        SPEC.incidents - hotTotal,
        Array.from({ length: n - hot.length }, () => 0.4 + 1.2 * rand()),
      );
      const perComponent = [...hot, ...rest]; // index 0 = bench-00001

      // All incidents, in time order (the table fills the way a real one does).
      const incidents = [];
      perComponent.forEach((count, c) => {
        for (let k = 0; k < count; k++) {
          incidents.push({
            c: c + 1,
            t: now - Math.floor(rand() * SPEC.historyDays * DAY) - MIN,
          });
        }
      });
      incidents.sort((a, b) => a.t - b.t);
      log(
        `  generated ${incidents.length.toLocaleString(
          'en',
        )} incidents (${formatSeconds(Date.now() - started)})`,
      );

      const insertIncident = inserter(db, 'incidents', [
        'id',
        'entity_ref',
        'title',
        'severity',
        'status',
        'summary',
        'commander',
        'source',
        'external_id',
        'runbook_url',
        'started_at',
        'detected_at',
        'acknowledged_at',
        'mitigated_at',
        'resolved_at',
        'created_at',
        'updated_at',
        'version',
        'communications',
        'scribe',
      ]);
      const insertEvent = inserter(db, 'incident_events', [
        'id',
        'incident_id',
        'type',
        'at',
        'author',
        'message',
        'data',
      ]);
      const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
      const sevWeights = [3, 12, 45, 40];
      const sources = ['portal', 'api', 'alertmanager'];
      const sourceWeights = [30, 10, 60];
      const resolvedIncidents = [];
      db.transaction(() => {
        incidents.forEach((inc, i) => {
          inc.id = randomUUID();
          const ref = componentRef(inc.c);
          const age = now - inc.t;
          const resolved = age > 14 * DAY ? rand() < 0.995 : rand() < 0.6;
          const detected = inc.t + Math.floor(logUniform(rand, 0.2, 20) * MIN);
          const acknowledged =
            detected + Math.floor(logUniform(rand, 0.5, 60) * MIN);
          const mitigated =
            acknowledged + Math.floor(logUniform(rand, 5, 600) * MIN);
          const resolvedAt =
            mitigated + Math.floor(logUniform(rand, 5, 1440) * MIN);
          let status = 'resolved';
          if (!resolved)
            status = pick(
              rand,
              ['investigating', 'identified', 'monitoring'],
              [3, 3, 4],
            );
          const source = pick(rand, sources, sourceWeights);
          const user = `user:default/bench-user-${String(inc.c % 400).padStart(
            3,
            '0',
          )}`;
          const last = Math.min(now, resolved ? resolvedAt : detected);
          insertIncident({
            id: inc.id,
            entity_ref: ref,
            title: `${componentName(inc.c)}: elevated error rate (${i})`,
            severity: pick(rand, severities, sevWeights),
            status,
            summary:
              rand() < 0.5
                ? 'Requests failed with 5xx after a deploy; rolled back.'
                : null,
            commander: user,
            source,
            external_id: source === 'alertmanager' ? `bench-group-${i}` : null,
            runbook_url:
              rand() < 0.3
                ? `https://runbooks.example.com/${componentName(inc.c)}`
                : null,
            started_at: inc.t,
            detected_at: detected,
            acknowledged_at: status === 'investigating' ? null : acknowledged,
            mitigated_at:
              status === 'resolved' || status === 'monitoring'
                ? mitigated
                : null,
            resolved_at: resolved ? resolvedAt : null,
            created_at: detected,
            updated_at: last,
            version: resolved ? 4 : 1,
            communications: null,
            scribe: null,
          });
          insertEvent({
            id: randomUUID(),
            incident_id: inc.id,
            type: 'status_change',
            at: detected,
            author: user,
            message: 'Incident declared',
            data: null,
          });
          if (resolved) {
            insertEvent({
              id: randomUUID(),
              incident_id: inc.id,
              type: 'status_change',
              at: resolvedAt,
              author: user,
              message: 'Status changed to resolved',
              data: null,
            });
            if (age > 7 * DAY) resolvedIncidents.push({ ...inc, resolvedAt });
          }
        });
      })();
      log(
        `  inserted incidents and events (${formatSeconds(
          Date.now() - started,
        )})`,
      );

      // --- postmortems for 100,000 resolved incidents, 1,000,000 action items ----------
      for (let i = 0; i < SPEC.postmortems; i++) {
        const j = i + Math.floor(rand() * (resolvedIncidents.length - i));
        [resolvedIncidents[i], resolvedIncidents[j]] = [
          resolvedIncidents[j],
          resolvedIncidents[i],
        ];
      }
      const pmIncidents = resolvedIncidents
        .slice(0, SPEC.postmortems)
        .sort((a, b) => a.resolvedAt - b.resolvedAt);
      const itemsPerPm = apportion(
        SPEC.actionItems,
        pmIncidents.map(() => 0.1 + rand()),
      );

      const insertPm = inserter(db, 'postmortems', [
        'id',
        'entity_ref',
        'title',
        'status',
        'summary',
        'impact',
        'impact_users_affected',
        'impact_duration_minutes',
        'impact_error_budget',
        'timeline',
        'root_cause',
        'contributing_factors',
        'went_well',
        'to_improve',
        'lessons_learned',
        'author',
        'reviewers',
        'published_at',
        'created_at',
        'updated_at',
        'version',
      ]);
      const insertPmIncident = inserter(db, 'postmortem_incidents', [
        'postmortem_id',
        'incident_id',
      ]);
      const insertItem = inserter(db, 'action_items', [
        'id',
        'postmortem_id',
        'entity_ref',
        'title',
        'description',
        'type',
        'priority',
        'owner',
        'due_date',
        'status',
        'completed_at',
        'ticket_url',
        'created_at',
        'updated_at',
        'version',
      ]);
      const types = ['detect', 'mitigate', 'prevent', 'process'];
      const priorities = ['P0', 'P1', 'P2', 'P3'];
      const today = isoDate(now);
      let overdue = 0;
      db.transaction(() => {
        pmIncidents.forEach((inc, p) => {
          const pmId = randomUUID();
          const ref = componentRef(inc.c);
          const created = Math.min(
            now - MIN,
            inc.resolvedAt + Math.floor(rand() * 5 * DAY),
          );
          const age = now - created;
          const status =
            age > 30 * DAY
              ? pick(rand, ['published', 'in_review', 'draft'], [85, 5, 10])
              : pick(rand, ['published', 'in_review', 'draft'], [30, 30, 40]);
          const author = `user:default/bench-user-${String(
            inc.c % 400,
          ).padStart(3, '0')}`;
          const published =
            status === 'published'
              ? Math.min(now, created + Math.floor(rand() * 10 * DAY))
              : null;
          insertPm({
            id: pmId,
            entity_ref: ref,
            title: `Postmortem: ${componentName(inc.c)} elevated error rate`,
            status,
            summary:
              'A bad deploy raised the error rate; the rollback restored service.',
            impact: 'Some checkouts failed.',
            impact_users_affected: '~2% of users',
            impact_duration_minutes: Math.round((inc.resolvedAt - inc.t) / MIN),
            impact_error_budget: '4% of the monthly budget',
            timeline:
              '- 10:02 alert fired\n- 10:05 acknowledged\n- 10:20 rolled back',
            root_cause: 'A configuration change disabled the connection pool.',
            contributing_factors: 'No canary for configuration changes.',
            went_well: 'Fast detection.',
            to_improve: 'Canary config changes.',
            lessons_learned: 'Treat config as code.',
            author,
            reviewers: '[]',
            published_at: published,
            created_at: created,
            updated_at: published ?? created,
            version: 1,
          });
          insertPmIncident({ postmortem_id: pmId, incident_id: inc.id });
          for (let k = 0; k < itemsPerPm[p]; k++) {
            const due = created + Math.floor((7 + rand() * 53) * DAY);
            const dueDate = rand() < 0.9 ? isoDate(due) : null;
            const past = due < now;
            const itemStatus = past
              ? pick(
                  rand,
                  ['done', 'wont_do', 'open', 'in_progress'],
                  [60, 8, 20, 12],
                )
              : pick(
                  rand,
                  ['done', 'wont_do', 'open', 'in_progress'],
                  [20, 2, 50, 28],
                );
            const closed = itemStatus === 'done' || itemStatus === 'wont_do';
            const completed = closed
              ? Math.min(
                  now,
                  created + Math.floor(rand() * (due - created + 10 * DAY)),
                )
              : null;
            if (!closed && dueDate && dueDate < today) overdue++;
            insertItem({
              id: randomUUID(),
              postmortem_id: pmId,
              entity_ref: ref,
              title: `Follow-up ${k + 1}: add an alert on pool exhaustion`,
              description: rand() < 0.5 ? 'See the postmortem.' : '',
              type: pick(rand, types, [30, 25, 30, 15]),
              priority: pick(rand, priorities, [5, 25, 45, 25]),
              owner: `group:default/${ownerGroup(inc.c)}`,
              due_date: dueDate,
              status: itemStatus,
              completed_at: completed,
              ticket_url:
                rand() < 0.4
                  ? `https://tickets.example.com/REL-${p}-${k}`
                  : null,
              created_at: created,
              updated_at: completed ?? created,
              version: closed ? 2 : 1,
            });
          }
        });
      })();
      log(
        `  inserted postmortems and action items (${formatSeconds(
          Date.now() - started,
        )})`,
      );

      for (const { sql } of indexes) db.exec(sql);
      log(
        `  re-created ${indexes.length} indexes (${formatSeconds(
          Date.now() - started,
        )})`,
      );
      db.pragma('journal_mode = DELETE');

      // Benchmark targets: the hottest component and a typical one (the median count).
      const sorted = [...perComponent].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      let typical = 5000;
      while (perComponent[typical - 1] !== median) typical++;
      const count = (sql, ...args) =>
        db
          .prepare(sql)
          .pluck()
          .get(...args);
      const describe = i => ({
        name: componentName(i),
        entityRef: componentRef(i),
        incidents: count(
          'SELECT COUNT(*) FROM incidents WHERE entity_ref = ?',
          componentRef(i),
        ),
        actionItems: count(
          'SELECT COUNT(*) FROM action_items WHERE entity_ref = ?',
          componentRef(i),
        ),
      });
      const meta = {
        seedVersion: SEED_VERSION,
        migrations: migrationsHash(),
        seededAt: new Date(now).toISOString(),
        seedMs: Date.now() - started,
        rows: Object.fromEntries(
          TABLES.map(t => [t, count(`SELECT COUNT(*) FROM ${t}`)]),
        ),
        components: n,
        overdueActionItemsAtSeed: overdue,
        targets: { hot: describe(1), typical: describe(typical) },
      };
      knex.client.releaseConnection(db);
      await knex.destroy();
      fs.renameSync(tmpFile, DB_FILE);
      for (const f of ['-journal', '-wal', '-shm'])
        fs.rmSync(`${DB_FILE}${f}`, { force: true });
      meta.fileBytes = fs.statSync(DB_FILE).size;
      fs.writeFileSync(SEED_META_FILE, `${JSON.stringify(meta, null, 2)}\n`);
      return meta;
    } catch (e) {
      knex.client.releaseConnection(db);
      throw e;
    }
  } finally {
    await knex.destroy();
  }
}

/** Returns the seed metadata, building the database first when it is missing or stale. */
export async function ensureSeeded({ force = false, log = console.log } = {}) {
  const existing = force ? undefined : readSeedMeta();
  if (existing) {
    log(
      `Reusing ${path.relative(process.cwd(), DB_FILE)} (seeded ${
        existing.seededAt
      } in ${formatSeconds(existing.seedMs)}; --reseed rebuilds it)`,
    );
    return { ...existing, reused: true };
  }
  log(
    `Seeding ${path.relative(
      process.cwd(),
      DB_FILE,
    )} (${SPEC.components.toLocaleString(
      'en',
    )} components, ${SPEC.incidents.toLocaleString(
      'en',
    )} incidents, ${SPEC.postmortems.toLocaleString(
      'en',
    )} postmortems, ${SPEC.actionItems.toLocaleString('en')} action items)`,
  );
  // Other plugins' files in the directory stay; the reliability file is replaced.
  const meta = await seed({ log });
  log(
    `Seeded in ${formatSeconds(meta.seedMs)}: ${formatBytes(meta.fileBytes)}`,
  );
  return { ...meta, reused: false };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const meta = await ensureSeeded({ force: process.argv.includes('--force') });
  console.log(JSON.stringify(meta, null, 2));
}
