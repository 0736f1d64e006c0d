/*
 * Notifications sent, by idempotency key: each event (an incident declared,
 * an escalation to level 2, a swap requested) is sent once however many
 * replicas see it and however often a job runs again after a restart.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('notification_deliveries', table => {
    table.comment('Notifications sent, one row per idempotency key');
    table.string('key', 255).primary().notNullable();
    table.string('kind', 64).notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notification_deliveries');
};
