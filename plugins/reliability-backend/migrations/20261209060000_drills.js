/*
 * Drills: an incident declared as an exercise keeps its kind in `drill`
 * (null for real incidents), so that the figures can leave it out. Each
 * runbook a resolved drill used is recorded as validated then; the record
 * lives apart from the runbook index, which the refresh rebuilds from files.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table
      .string('drill', 32)
      .nullable()
      .comment('game_day, tabletop or wheel_of_misfortune; null when real');
  });
  await knex.schema.createTable('runbook_validations', table => {
    table.comment('The last drill that validated each runbook');
    table
      .string('runbook_id', 600)
      .primary()
      .notNullable()
      .comment('Id of the runbook in the index; kept when it is re-read');
    table
      .timestamp('validated_at', { useTz: true })
      .notNullable()
      .comment('When the drill was resolved');
    table.string('incident_id', 36).notNullable().comment('The drill');
    table.index(['validated_at'], 'runbook_validations_validated_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('runbook_validations');
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('drill');
  });
};
