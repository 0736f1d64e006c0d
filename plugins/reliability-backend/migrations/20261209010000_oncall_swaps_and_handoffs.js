/*
 * Swap requests between people on call (asked, then accepted, declined or
 * cancelled; an accepted one became overrides), and the notes outgoing
 * people leave at a hand-off for the next one.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('schedule_swap_requests', table => {
    table.comment('Requests to cover or trade an on-call shift');
    table.string('id', 36).primary().notNullable();
    table
      .string('schedule_id', 36)
      .notNullable()
      .references('id')
      .inTable('schedules')
      .onDelete('CASCADE');
    table.string('requester', 255).notNullable();
    table.string('recipient', 255).notNullable();
    table.timestamp('shift_start', { useTz: true }).notNullable();
    table.timestamp('shift_end', { useTz: true }).notNullable();
    table.timestamp('return_start', { useTz: true }).nullable();
    table.timestamp('return_end', { useTz: true }).nullable();
    table.text('note').nullable();
    table.string('state', 16).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.string('decided_by', 255).nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['recipient', 'state'], 'swap_requests_recipient_idx');
    table.index(['requester', 'state'], 'swap_requests_requester_idx');
    table.index(['schedule_id'], 'swap_requests_schedule_idx');
  });

  await knex.schema.createTable('schedule_handoff_notes', table => {
    table.comment('What the outgoing person left for the next at a hand-off');
    table.string('id', 36).primary().notNullable();
    table
      .string('schedule_id', 36)
      .notNullable()
      .references('id')
      .inTable('schedules')
      .onDelete('CASCADE');
    table.timestamp('handoff_at', { useTz: true }).notNullable();
    table.text('note').notNullable();
    table.string('author', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['schedule_id', 'handoff_at'], {
      indexName: 'handoff_notes_schedule_at_idx',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('schedule_handoff_notes');
  await knex.schema.dropTable('schedule_swap_requests');
};
