/*
 * The error-budget policy tier each SLO objective was last seen in, so that
 * a change of tier is told to the owners once: the row moves to the new tier
 * in one conditional update (one replica wins), and `notified` stays false
 * until the notification went out, so a failed send is tried again.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_policy_tiers', table => {
    table.comment('The error-budget policy tier of each SLO objective');
    table
      .string('slo_id', 600)
      .primary()
      .notNullable()
      .comment('<entity ref>/<slo name>/<objective index>');
    table.string('entity_ref', 255).notNullable();
    table.string('tier_name', 255).notNullable();
    table.integer('tier_index').notNullable().comment('0 is the best tier');
    table
      .string('previous_tier_name', 255)
      .nullable()
      .comment('The tier before the last change; null before any change');
    table.integer('previous_tier_index').nullable();
    table
      .timestamp('changed_at', { useTz: true })
      .notNullable()
      .comment('The evaluation that first saw the tier');
    table
      .boolean('notified')
      .notNullable()
      .defaultTo(true)
      .comment('False while the owners are still to be told of the change');
    table.index(['entity_ref'], 'slo_policy_tiers_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_policy_tiers');
};
