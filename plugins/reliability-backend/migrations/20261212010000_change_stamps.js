/*
 * One change stamp per area of the plugin's data: a number the database
 * raises in the same transaction as every write to the area's tables, so
 * each backend instance keeps what it computed from an area (parsed
 * schedules, SLO definitions, runbook library answers) until the stamp
 * moves, whichever instance wrote. Triggers raise the stamps, so no write
 * path can forget to. The one exception is `slo_statuses`: an SLO
 * evaluation writes its statuses in many small transactions and raises
 * that stamp once, after the last, so that readers load each evaluation
 * once rather than once per batch.
 *
 * The entity page's summary needs a stamp per entity instead: that is
 * `entity_summary_stamps`, raised by triggers in the same way.
 *
 * Replaces `slo_change_stamps`, whose counters carry over.
 */

// @ts-check

const TABLE = 'change_stamps';

/** The tables whose writes raise each area's stamp. */
const AREAS = {
  runbooks: [
    'runbooks',
    'runbook_texts',
    'runbook_alerts',
    'runbook_tags',
    'runbook_validations',
  ],
  schedules: ['schedules', 'schedule_overrides'],
  slo_definitions: ['slo_definitions'],
  slo_statuses: [],
};

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(TABLE, table => {
    table.comment('A counter per area, raised with each write to its tables');
    table.string('area', 64).primary().notNullable();
    table.bigInteger('version').notNullable().defaultTo(0);
  });
  const old = await knex('slo_change_stamps').select('name', 'version');
  const carried = new Map(old.map(row => [`slo_${row.name}`, row.version]));
  await knex(TABLE).insert(
    Object.keys(AREAS).map(area => ({
      area,
      version: carried.get(area) ?? 1,
    })),
  );
  await knex.schema.dropTable('slo_change_stamps');

  if (knex.client.config.client === 'pg') {
    // Once per statement: a refresh that writes thousands of rows raises
    // the stamp once.
    await knex.raw(`
      CREATE FUNCTION ${TABLE}_raise() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE ${TABLE} SET version = version + 1 WHERE area = TG_ARGV[0];
        RETURN NULL;
      END
      $$`);
    for (const [area, tables] of Object.entries(AREAS)) {
      for (const table of tables) {
        await knex.raw(`
          CREATE TRIGGER ${TABLE}_raise
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ${TABLE}_raise('${area}')`);
      }
    }
    return;
  }

  // SQLite has row triggers only.
  for (const [area, tables] of Object.entries(AREAS)) {
    for (const table of tables) {
      for (const op of ['insert', 'update', 'delete']) {
        await knex.raw(`
          CREATE TRIGGER ${TABLE}_${table}_${op} AFTER ${op.toUpperCase()}
          ON ${table}
          BEGIN
            UPDATE ${TABLE} SET version = version + 1 WHERE area = '${area}';
          END`);
      }
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const pg = knex.client.config.client === 'pg';
  for (const tables of Object.values(AREAS)) {
    for (const table of tables) {
      if (pg) {
        await knex.raw(`DROP TRIGGER IF EXISTS ${TABLE}_raise ON ${table}`);
      } else {
        for (const op of ['insert', 'update', 'delete']) {
          await knex.raw(`DROP TRIGGER IF EXISTS ${TABLE}_${table}_${op}`);
        }
      }
    }
  }
  if (pg) {
    await knex.raw(`DROP FUNCTION IF EXISTS ${TABLE}_raise()`);
  }
  await knex.schema.createTable('slo_change_stamps', table => {
    table.string('name', 64).primary().notNullable();
    table.bigInteger('version').notNullable().defaultTo(0);
  });
  const rows = await knex(TABLE)
    .whereIn('area', ['slo_definitions', 'slo_statuses'])
    .select('area', 'version');
  await knex('slo_change_stamps').insert(
    rows.map(row => ({ name: row.area.slice(4), version: row.version })),
  );
  await knex.schema.dropTable(TABLE);
};
