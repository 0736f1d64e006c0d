/*
 * Indexes for the reliability review of a whole organisation: each figure
 * reads one index range of its period (incidents resolved, postmortems
 * published, action items created or closed) instead of the whole table,
 * and the columns it adds up are in the index itself.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.index(
      ['severity', 'resolved_at', 'id'],
      'incidents_severity_resolved_idx',
    );
  });
  await knex.schema.alterTable('postmortems', table => {
    table.index(
      ['status', 'published_at', 'id'],
      'postmortems_status_published_idx',
    );
  });
  await knex.schema.alterTable('action_items', table => {
    table.index(
      ['created_at', 'status', 'completed_at'],
      'action_items_created_idx',
    );
    table.index(
      ['completed_at', 'due_date', 'created_at', 'status'],
      'action_items_completed_due_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('action_items', table => {
    table.dropIndex(
      ['completed_at', 'due_date', 'created_at', 'status'],
      'action_items_completed_due_idx',
    );
    table.dropIndex(
      ['created_at', 'status', 'completed_at'],
      'action_items_created_idx',
    );
  });
  await knex.schema.alterTable('postmortems', table => {
    table.dropIndex(
      ['status', 'published_at', 'id'],
      'postmortems_status_published_idx',
    );
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex(
      ['severity', 'resolved_at', 'id'],
      'incidents_severity_resolved_idx',
    );
  });
};
