/*
 * Exceptions to the deploy gate: an approver let one change class of an
 * entity deploy despite its error-budget tier, until a time, for a reason.
 * Withdrawn exceptions stay, marked, for the record.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deploy_exceptions', table => {
    table.comment('Exceptions to the deploy gate granted by approvers');
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('change', 16).notNullable();
    table.timestamp('until', { useTz: true }).notNullable();
    table.text('reason').notNullable();
    table.string('granted_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('withdrawn_at', { useTz: true }).nullable();
    table.string('withdrawn_by', 255).nullable();
    table.index(['entity_ref', 'until'], 'deploy_exceptions_entity_until_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deploy_exceptions');
};
