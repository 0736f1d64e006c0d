/*
 * Incident roles, alerts behind incidents, postmortems and their action items.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.string('communications', 255).nullable().comment('User entity ref');
    table.string('scribe', 255).nullable().comment('User entity ref');
  });

  await knex.schema.createTable('incident_alerts', table => {
    table.comment(
      'Alertmanager alerts behind an incident, one row per fingerprint',
    );
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('fingerprint', 64).notNullable();
    table.string('alertname', 255).notNullable();
    table.string('status', 16).notNullable().comment('firing or resolved');
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).nullable();
    table.text('labels').notNullable().comment('JSON');
    table.primary(['incident_id', 'fingerprint']);
  });

  await knex.schema.createTable('postmortems', table => {
    table.comment('Blameless postmortems of incidents of an entity');
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('title', 255).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('draft, in_review, published');
    table.text('summary').notNullable().defaultTo('');
    table.text('impact').notNullable().defaultTo('');
    table.text('impact_users_affected').nullable();
    table.integer('impact_duration_minutes').nullable();
    table.text('impact_error_budget').nullable();
    table.text('timeline').notNullable().defaultTo('');
    table.text('root_cause').notNullable().defaultTo('');
    table.text('contributing_factors').notNullable().defaultTo('');
    table.text('went_well').notNullable().defaultTo('');
    table.text('to_improve').notNullable().defaultTo('');
    table.text('lessons_learned').notNullable().defaultTo('');
    table.string('author', 255).notNullable().comment('User entity ref');
    table
      .text('reviewers')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of user refs');
    table.timestamp('published_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['entity_ref', 'created_at'], 'postmortems_entity_created_idx');
    table.index(['status'], 'postmortems_status_idx');
  });

  await knex.schema.createTable('postmortem_incidents', table => {
    table.comment('Which incidents a postmortem covers');
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.primary(['postmortem_id', 'incident_id']);
    table.index(['incident_id'], 'postmortem_incidents_incident_idx');
  });

  await knex.schema.createTable('action_items', table => {
    table.comment('Follow-up work from a postmortem');
    table.string('id', 36).primary().notNullable();
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.string('title', 255).notNullable();
    table.text('description').notNullable().defaultTo('');
    table
      .string('type', 16)
      .notNullable()
      .comment('detect, mitigate, prevent, process');
    table.string('priority', 2).notNullable().comment('P0..P3');
    table
      .string('owner', 255)
      .notNullable()
      .comment('User or group entity ref');
    table.string('due_date', 10).nullable().comment('YYYY-MM-DD');
    table
      .string('status', 16)
      .notNullable()
      .comment('open, in_progress, done, wont_do');
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.text('ticket_url').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['entity_ref', 'status'], 'action_items_entity_status_idx');
    table.index(['owner', 'status'], 'action_items_owner_status_idx');
    table.index(['status', 'due_date'], 'action_items_status_due_idx');
    table.index(['postmortem_id'], 'action_items_postmortem_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('action_items');
  await knex.schema.dropTable('postmortem_incidents');
  await knex.schema.dropTable('postmortems');
  await knex.schema.dropTable('incident_alerts');
  // SQLite drops a column by copying the table, and dropping the old copy
  // cascades to incident_events: the unused, nullable role columns stay there.
  if (!String(knex.client.config.client).includes('sqlite')) {
    await knex.schema.alterTable('incidents', table => {
      table.dropColumn('scribe');
      table.dropColumn('communications');
    });
  }
};
