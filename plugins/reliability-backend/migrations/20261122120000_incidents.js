/*
 * Incidents, their timelines, and the audit trail of every change the plugin makes.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.comment('Incidents of catalog entities');
    table.string('id', 36).primary().notNullable();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Entity ref of the component, lower-cased');
    table.string('title', 255).notNullable();
    table.string('severity', 32).notNullable();
    table.string('status', 32).notNullable();
    table.text('summary').nullable();
    table.string('commander', 255).nullable().comment('User entity ref');
    table
      .string('source', 32)
      .notNullable()
      .comment('portal, api, alertmanager');
    table
      .string('external_id', 255)
      .nullable()
      .comment('De-duplication key from the source, e.g. an alert group key');
    table.text('runbook_url').nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('detected_at', { useTz: true }).nullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.timestamp('mitigated_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['source', 'external_id'], {
      indexName: 'incidents_source_external_id_idx',
    });
    table.index(['entity_ref', 'started_at'], 'incidents_entity_started_idx');
    table.index(['status'], 'incidents_status_idx');
    table.index(['started_at'], 'incidents_started_idx');
  });

  await knex.schema.createTable('incident_events', table => {
    table.comment('Timeline of an incident');
    table.string('id', 36).primary().notNullable();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table
      .string('type', 32)
      .notNullable()
      .comment('status_change, note, alert_firing, alert_resolved, ...');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('author', 255).nullable().comment('User entity ref or source');
    table.text('message').notNullable();
    table.text('data').nullable().comment('JSON details of the event');
    table.index(['incident_id', 'at'], 'incident_events_incident_at_idx');
  });

  await knex.schema.createTable('audit_log', table => {
    table.comment('Who changed what, when, with the record before and after');
    table.bigIncrements('id').primary();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.string('resource_type', 64).notNullable();
    table.string('resource_id', 255).notNullable();
    table.string('entity_ref', 255).nullable();
    table.text('before').nullable().comment('JSON');
    table.text('after').nullable().comment('JSON');
    table.index(['resource_type', 'resource_id'], 'audit_log_resource_idx');
    table.index(['entity_ref', 'at'], 'audit_log_entity_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('incident_events');
  await knex.schema.dropTable('incidents');
};
