/*
 * The escalation level an incident has reached, and since when: Escalate
 * and the escalation job move it on one level at a time, and the versioned
 * update makes sure a level is engaged once.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table
      .integer('escalation_level')
      .notNullable()
      .defaultTo(1)
      .comment('The escalation level engaged, 1 when declared');
    table
      .timestamp('escalated_at', { useTz: true })
      .nullable()
      .comment('When the current escalation level was engaged');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('escalation_level');
    table.dropColumn('escalated_at');
  });
};
