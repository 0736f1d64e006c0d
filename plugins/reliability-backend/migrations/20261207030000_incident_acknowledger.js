/*
 * Who acknowledged an incident, beside when: the acknowledge action records
 * both, so the acknowledge target has a name on it.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table
      .string('acknowledged_by', 255)
      .nullable()
      .comment('User entity ref of who acknowledged the incident');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('acknowledged_by');
  });
};
