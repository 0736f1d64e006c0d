/*
 * The review of a postmortem: who approved it and when, and its revisions
 * (who changed which of its parts, when), kept for as long as it exists.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('postmortems', table => {
    table
      .string('approved_by', 255)
      .nullable()
      .comment('User entity ref of the reviewer whose approval published it');
    table.timestamp('approved_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('postmortem_revisions', table => {
    table.comment('Each change of a postmortem: who, when, which parts');
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table
      .integer('version')
      .notNullable()
      .comment('The postmortem version the change made');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable().comment('User entity ref');
    table
      .string('action', 32)
      .notNullable()
      .comment('created, edited, review_requested, approved, returned');
    table
      .text('changed')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of the changed field keys');
    table.string('status', 16).notNullable().comment('Status after the change');
    table.primary(['postmortem_id', 'version']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('postmortem_revisions');
  // SQLite drops a column by copying the table, and dropping the old copy
  // cascades to the postmortem's incidents and action items: the unused,
  // nullable columns stay there.
  if (!String(knex.client.config.client).includes('sqlite')) {
    await knex.schema.alterTable('postmortems', table => {
      table.dropColumn('approved_at');
      table.dropColumn('approved_by');
    });
  }
};
