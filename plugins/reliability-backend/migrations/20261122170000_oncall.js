/*
 * On-call schedules, their overrides, and per-user iCalendar feed tokens.
 * Who is on call is computed from these, never stored.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('schedules', table => {
    table.comment('On-call schedules, owned by a catalog group');
    table.string('id', 36).primary().notNullable();
    table.string('name', 255).notNullable().unique();
    table.string('owner_ref', 255).notNullable().comment('Group entity ref');
    table
      .text('definition')
      .notNullable()
      .comment('JSON: timeZone, description, layers');
    table
      .text('escalation_policy')
      .nullable()
      .comment('JSON: levels (schedule or user, delay), repeat');
    table
      .string('feed_token', 64)
      .notNullable()
      .comment('Secret of the schedule iCalendar feed URL');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['owner_ref'], 'schedules_owner_ref_idx');
  });

  await knex.schema.createTable('schedule_overrides', table => {
    table.comment('A user covering part of a schedule (a swap, a holiday)');
    table.string('id', 36).primary().notNullable();
    table
      .string('schedule_id', 36)
      .notNullable()
      .references('id')
      .inTable('schedules')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).notNullable();
    table.text('reason').nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['schedule_id', 'starts_at'], 'schedule_overrides_start_idx');
  });

  await knex.schema.createTable('user_feed_tokens', table => {
    table.comment('Secret of each user "my shifts" iCalendar feed URL');
    table.string('user_ref', 255).primary().notNullable();
    table.string('token', 64).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('user_feed_tokens');
  await knex.schema.dropTable('schedule_overrides');
  await knex.schema.dropTable('schedules');
};
