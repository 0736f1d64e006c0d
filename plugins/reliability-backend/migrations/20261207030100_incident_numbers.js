/*
 * Incident ids people say aloud: INC-YYYYMMDD-NNN, numbered per UTC day of
 * the incident's start. A counter row per day hands out the numbers, so
 * replicas declaring at the same moment never take the same one; the unique
 * index is the last guard. Existing incidents are numbered in the order they
 * were recorded.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_day_counters', table => {
    table.comment('The last incident number handed out on each UTC day');
    table.string('day', 8).primary().notNullable().comment('YYYYMMDD');
    table.integer('last').notNullable();
  });
  await knex.schema.alterTable('incidents', table => {
    table
      .string('human_id', 32)
      .nullable()
      .comment('INC-YYYYMMDD-NNN, unique; the day is the UTC day of started_at');
  });

  const rows = await knex('incidents')
    .select('id', 'started_at')
    .orderBy([
      { column: 'started_at', order: 'asc' },
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  /** @type {Map<string, number>} */
  const counters = new Map();
  for (const row of rows) {
    const started = new Date(
      typeof row.started_at === 'string' && /^\d+$/.test(row.started_at)
        ? Number(row.started_at)
        : row.started_at,
    );
    const day = started.toISOString().slice(0, 10).replace(/-/g, '');
    const next = (counters.get(day) ?? 0) + 1;
    counters.set(day, next);
    await knex('incidents')
      .where('id', row.id)
      .update({ human_id: `INC-${day}-${String(next).padStart(3, '0')}` });
  }
  for (const [day, last] of counters) {
    await knex('incident_day_counters').insert({ day, last });
  }

  await knex.schema.alterTable('incidents', table => {
    table.unique(['human_id'], { indexName: 'incidents_human_id_idx' });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.dropUnique(['human_id'], 'incidents_human_id_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('human_id');
  });
  await knex.schema.dropTable('incident_day_counters');
};
