/*
 * Indexes that let the entity summary answer from index ranges: open
 * incidents by entity and status, open action items by entity, status and
 * due date. Without them a component with thousands of incidents scans them
 * all on every entity page view.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.index(
      ['entity_ref', 'status', 'started_at'],
      'incidents_entity_status_started_idx',
    );
  });
  await knex.schema.alterTable('action_items', table => {
    // a prefix of the new index
    table.dropIndex(['entity_ref', 'status'], 'action_items_entity_status_idx');
    table.index(
      ['entity_ref', 'status', 'due_date'],
      'action_items_entity_status_due_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('action_items', table => {
    table.dropIndex(
      ['entity_ref', 'status', 'due_date'],
      'action_items_entity_status_due_idx',
    );
    table.index(['entity_ref', 'status'], 'action_items_entity_status_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex(
      ['entity_ref', 'status', 'started_at'],
      'incidents_entity_status_started_idx',
    );
  });
};
