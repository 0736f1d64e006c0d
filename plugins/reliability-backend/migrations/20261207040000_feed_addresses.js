/*
 * Calendar feed addresses that stay put. A feed's secret is derived from a
 * key and a per-feed nonce (HMAC), so the portal can show the current
 * address again without changing it, and rotating means a new nonce. The key
 * comes from `reliability.oncall.feedSecret`; without it one is made and kept
 * in `feed_keys`. The tokens people already hold keep working until the feed
 * is rotated: their hashes stay where they are.
 *
 * Who has been shown a schedule's address is kept too, so rotating can say
 * whose subscription stops.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('schedules', table => {
    table
      .string('feed_nonce', 64)
      .nullable()
      .comment('Nonce the schedule feed secret is derived from; new on rotate');
  });
  await knex.schema.alterTable('user_feed_tokens', table => {
    table
      .string('nonce', 64)
      .nullable()
      .comment('Nonce the user feed secret is derived from; new on rotate');
  });
  await knex.schema.createTable('feed_keys', table => {
    table.comment(
      'Key of the feed secrets when reliability.oncall.feedSecret is not set',
    );
    table.string('id', 36).primary().notNullable();
    table.string('key', 128).notNullable();
  });
  await knex.schema.createTable('schedule_feed_holders', table => {
    table.comment('Who has been shown the current address of a schedule feed');
    table
      .string('schedule_id', 36)
      .notNullable()
      .references('id')
      .inTable('schedules')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.primary(['schedule_id', 'user_ref']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('schedule_feed_holders');
  await knex.schema.dropTable('feed_keys');
  await knex.schema.alterTable('user_feed_tokens', table => {
    table.dropColumn('nonce');
  });
  await knex.schema.alterTable('schedules', table => {
    table.dropColumn('feed_nonce');
  });
};
