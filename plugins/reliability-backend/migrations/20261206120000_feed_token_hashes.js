/*
 * iCalendar feed tokens are kept as their SHA-256 only, so that whoever reads
 * the database (a backup, a replica, a support dump) cannot open anyone's
 * calendar feed. The tokens people already hold keep working: each stored
 * token is replaced by its hash.
 */

// @ts-check

const { createHash, randomBytes } = require('node:crypto');

/** @param {string} token */
const sha256 = token =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Rewrites one column of every row of a table.
 *
 * @param {import('knex').Knex} knex
 * @param {string} table
 * @param {string} key
 * @param {string} column
 * @param {(value: string) => string} change
 */
async function rewrite(knex, table, key, column, change) {
  const rows = await knex(table).select(key, column);
  for (const row of rows) {
    await knex(table)
      .where(key, row[key])
      .update({ [column]: change(row[column]) });
  }
}

/**
 * @param {import('knex').Knex} knex
 * @param {string} table
 * @param {string} column
 * @param {string} text
 */
async function comment(knex, table, column, text) {
  if (knex.client.config.client === 'pg') {
    // PostgreSQL takes no parameter here; the texts are this file's own.
    const literal = `'${text.replace(/'/g, "''")}'`;
    await knex.raw(`comment on column ??.?? is ${literal}`, [table, column]);
  }
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('schedules', table => {
    table.renameColumn('feed_token', 'feed_token_sha256');
  });
  await rewrite(knex, 'schedules', 'id', 'feed_token_sha256', sha256);
  await comment(
    knex,
    'schedules',
    'feed_token_sha256',
    'SHA-256 (hex) of the secret of the schedule iCalendar feed URL',
  );

  await knex.schema.alterTable('user_feed_tokens', table => {
    table.renameColumn('token', 'token_sha256');
  });
  await rewrite(knex, 'user_feed_tokens', 'user_ref', 'token_sha256', sha256);
  await comment(
    knex,
    'user_feed_tokens',
    'token_sha256',
    'SHA-256 (hex) of the secret of the user "my shifts" iCalendar feed URL',
  );
};

/**
 * A hash cannot be turned back into its token: going down gives every feed
 * a new secret that nobody holds, so feed URLs have to be rotated again.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const fresh = () => randomBytes(24).toString('base64url');
  await rewrite(knex, 'user_feed_tokens', 'user_ref', 'token_sha256', fresh);
  await knex.schema.alterTable('user_feed_tokens', table => {
    table.renameColumn('token_sha256', 'token');
  });
  await comment(knex, 'user_feed_tokens', 'token', '');

  await rewrite(knex, 'schedules', 'id', 'feed_token_sha256', fresh);
  await knex.schema.alterTable('schedules', table => {
    table.renameColumn('feed_token_sha256', 'feed_token');
  });
  await comment(
    knex,
    'schedules',
    'feed_token',
    'Secret of the schedule iCalendar feed URL',
  );
};
