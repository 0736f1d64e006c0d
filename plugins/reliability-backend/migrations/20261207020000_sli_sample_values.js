/*
 * Threshold SLIs push one measured value per bucket (a p95 latency, say)
 * instead of good and total counts. Their rows keep good and total at 0: a
 * value sample and a count sample never belong to the same SLO.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sli_samples', table => {
    table
      .double('value')
      .nullable()
      .comment('The measured value of a threshold SLI; null for counts');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sli_samples', table => {
    table.dropColumn('value');
  });
};
