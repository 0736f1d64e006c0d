/*
 * Change stamps of the SLO tables, so every backend instance keeps the
 * parsed definitions and the latest evaluations in memory and reads them
 * again only when they changed: `slo_change_stamps` holds one counter per
 * table, bumped in the same transaction as each write, and each definitions
 * row carries the stamp of its last write, so only the rows written since
 * are read again.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_change_stamps', table => {
    table.comment('A counter per SLO table, bumped with each write to it');
    table
      .string('name', 64)
      .primary()
      .notNullable()
      .comment('definitions or statuses');
    table.bigInteger('version').notNullable().defaultTo(0);
  });
  await knex('slo_change_stamps').insert([
    { name: 'definitions', version: 1 },
    { name: 'statuses', version: 1 },
  ]);
  await knex.schema.alterTable('slo_definitions', table => {
    table
      .bigInteger('revision')
      .notNullable()
      .defaultTo(0)
      .comment('The definitions stamp of the last write to the row');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_definitions', table => {
    table.dropColumn('revision');
  });
  await knex.schema.dropTable('slo_change_stamps');
};
