/*
 * Indexes for reading one component's timeline and one person's records:
 * a component's SLO snapshots over a range, the incidents a user commands
 * and the postmortems a user writes, each without scanning the table.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_snapshots', table => {
    table.index(['entity_ref', 'evaluated_at'], 'slo_snapshots_entity_at_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.index(['commander', 'started_at'], 'incidents_commander_started_idx');
  });
  await knex.schema.alterTable('postmortems', table => {
    table.index(['author', 'status'], 'postmortems_author_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('postmortems', table => {
    table.dropIndex(['author', 'status'], 'postmortems_author_status_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex(
      ['commander', 'started_at'],
      'incidents_commander_started_idx',
    );
  });
  await knex.schema.alterTable('slo_snapshots', table => {
    table.dropIndex(
      ['entity_ref', 'evaluated_at'],
      'slo_snapshots_entity_at_idx',
    );
  });
};
