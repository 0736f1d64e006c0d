// Puts the entity-summary benchmark's seeded data into PostgreSQL: the
// reliability plugin's database (`backstage_plugin_reliability`, as the
// backend names it) is created, migrated with the plugin's own migrations,
// and every non-empty table of the seeded SQLite file is copied into it,
// row for row, converting what the two stores keep differently (epoch
// milliseconds to timestamps, 0/1 to booleans). Triggers are off while
// copying (`session_replication_role = replica`): the counters they keep
// are copied with the rest, as the seed's SQLite triggers left them.
import {
  BetterSqlite3,
  DB_FILE,
  knexFactory,
  MIGRATIONS_DIR,
} from '../entity-summary/lib.mjs';

const BATCH = 1000;

/** Creates, migrates and fills `backstage_plugin_reliability` on the server at `url`. */
export async function copySeedToPostgres({ url, log }) {
  const t0 = Date.now();
  const database = 'backstage_plugin_reliability';
  const admin = knexFactory({ client: 'pg', connection: url });
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE ${database}`);
  } finally {
    await admin.destroy();
  }
  const knex = knexFactory({
    client: 'pg',
    connection: `${url}/${database}`,
    pool: { min: 1, max: 1 },
  });
  const sqlite = new BetterSqlite3(DB_FILE, { readonly: true });
  const counts = {};
  try {
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    const tables = sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'knex_%' AND name NOT LIKE 'sqlite_%'",
      )
      .all()
      .map(r => r.name);
    await knex.transaction(async tx => {
      await tx.raw('SET LOCAL session_replication_role = replica');
      for (const table of tables) {
        const columns = await tx('information_schema.columns')
          .where({ table_name: table, table_schema: 'public' })
          .select('column_name', 'data_type');
        if (!columns.length) continue;
        const types = new Map(columns.map(c => [c.column_name, c.data_type]));
        const convert = (column, value) => {
          if (value === null || value === undefined) return value;
          const type = types.get(column);
          if (type?.startsWith('timestamp') && typeof value === 'number')
            return new Date(value);
          if (type === 'boolean') return Boolean(value);
          return value;
        };
        await tx(table).delete();
        let batch = [];
        let n = 0;
        for (const row of sqlite
          .prepare(`SELECT * FROM "${table}"`)
          .iterate()) {
          const out = {};
          for (const [column, value] of Object.entries(row))
            if (types.has(column)) out[column] = convert(column, value);
          batch.push(out);
          if (batch.length === BATCH) {
            await tx(table).insert(batch);
            n += batch.length;
            batch = [];
          }
        }
        if (batch.length) await tx(table).insert(batch);
        n += batch.length;
        if (n) counts[table] = n;
        // Identity columns continue after the copied ids.
        for (const { column_name: column } of columns) {
          const { rows } = await tx.raw(
            'SELECT pg_get_serial_sequence(?, ?) AS seq',
            [table, column],
          );
          if (rows[0]?.seq && n)
            await tx.raw(
              `SELECT setval(?, (SELECT MAX("${column}") FROM "${table}"))`,
              [rows[0].seq],
            );
        }
      }
    });
    await knex.raw('ANALYZE');
  } finally {
    sqlite.close();
    await knex.destroy();
  }
  log(
    `Copied the seed into PostgreSQL in ${((Date.now() - t0) / 1000).toFixed(
      0,
    )} s: ${Object.entries(counts)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}`,
  );
}
