/*
 * The runbook index: runbooks read from the files named by entities'
 * `reliability-hub.io/runbooks` annotation and from their `type: runbook`
 * links, and the refresh state of each entity (problems, file hashes).
 * Everything here is rebuilt from the catalog and the files; nobody edits it.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('runbooks', table => {
    table.comment('Indexed runbooks, one row per runbook of an entity');
    table
      .string('id', 600)
      .primary()
      .notNullable()
      .comment('<entity ref>/<runbook id>, or <entity ref>/link/<n>');
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 16).notNullable().comment('structured or link');
    table.string('title', 500).notNullable();
    table
      .string('title_sort', 500)
      .notNullable()
      .comment('Lower-cased title, the default sort key');
    table.text('description').nullable();
    table.text('url').nullable().comment('Link-only runbooks');
    table.string('severity', 8).nullable();
    table.string('owner', 255).nullable().comment('Normalised owner ref');
    table.string('system', 255).nullable().comment('Normalised system ref');
    table
      .string('last_reviewed', 10)
      .notNullable()
      .defaultTo('')
      .comment('YYYY-MM-DD, empty when never reviewed (sorts first)');
    table.integer('review_interval_days').nullable();
    table
      .string('review_due', 10)
      .nullable()
      .comment('lastReviewed + interval; stale is computed against today');
    table.text('alerts').notNullable().comment('JSON array of alert names');
    table.text('tags').notNullable().comment('JSON array of tags');
    table.text('source_location').notNullable();
    table.string('content_hash', 64).nullable();
    table.timestamp('indexed_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'runbooks_entity_ref_idx');
    table.index(['title_sort', 'id'], 'runbooks_title_sort_idx');
    table.index(['last_reviewed', 'id'], 'runbooks_last_reviewed_idx');
    table.index(['review_due'], 'runbooks_review_due_idx');
  });

  // The large columns live apart, so that listing and filtering the runbooks
  // table reads small rows.
  await knex.schema.createTable('runbook_texts', table => {
    table.comment('Parsed body and search text of each runbook');
    table
      .string('runbook_id', 600)
      .primary()
      .notNullable()
      .references('id')
      .inTable('runbooks')
      .onDelete('CASCADE');
    table.text('body').nullable().comment('JSON of the parsed runbook');
    table
      .text('search_text')
      .notNullable()
      .comment('Lower-cased title, description, steps, commands, alerts, tags');
  });

  await knex.schema.createTable('runbook_alerts', table => {
    table.comment('Alert names of runbooks, lower-cased, for the alert lookup');
    table
      .string('runbook_id', 600)
      .notNullable()
      .references('id')
      .inTable('runbooks')
      .onDelete('CASCADE');
    table.string('alert', 255).notNullable();
    table.primary(['runbook_id', 'alert']);
    table.index(['alert'], 'runbook_alerts_alert_idx');
  });

  await knex.schema.createTable('runbook_tags', table => {
    table.comment('Tags of runbooks, lower-cased, for the tag filter');
    table
      .string('runbook_id', 600)
      .notNullable()
      .references('id')
      .inTable('runbooks')
      .onDelete('CASCADE');
    table.string('tag', 255).notNullable();
    table.primary(['runbook_id', 'tag']);
    table.index(['tag'], 'runbook_tags_tag_idx');
  });

  await knex.schema.createTable('runbook_sources', table => {
    table.comment('Runbook refresh state of each entity with runbooks');
    table.string('entity_ref', 255).primary().notNullable();
    table
      .text('location')
      .nullable()
      .comment('Where the runbook files were read from; null for links only');
    table
      .text('problems')
      .notNullable()
      .comment('JSON array of problems (file, field, message)');
    table
      .text('file_hashes')
      .notNullable()
      .comment('JSON object: file → sha256 of its text');
    table.string('etag', 255).nullable();
    table
      .string('entity_hash', 64)
      .nullable()
      .comment('sha256 of what the index takes from the entity');
    table.timestamp('refreshed_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('runbook_sources');
  await knex.schema.dropTable('runbook_tags');
  await knex.schema.dropTable('runbook_texts');
  await knex.schema.dropTable('runbook_alerts');
  await knex.schema.dropTable('runbooks');
};
