/*
 * Pushed SLI samples rolled up per hour, so that an evaluation sums a 28-day
 * window from 672 hourly rows and the partial hours at its edges instead of
 * 8,064 five-minute buckets; and per SLO the longest bucket it pushed, which
 * bounds how far before a window's start a bucket that overlaps it can start.
 * Both are kept in the transaction that writes the samples. Indexes by time
 * let the evaluation delete samples older than any window reads.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sli_sample_series', table => {
    table.comment('Per pushed SLO: the longest bucket among its samples');
    table.string('entity_ref', 255).notNullable();
    table.string('slo_name', 255).notNullable();
    table.integer('max_bucket_seconds').notNullable();
    table.primary(['entity_ref', 'slo_name'], 'sli_sample_series_pk');
  });
  await knex.schema.createTable('sli_sample_hours', table => {
    table.comment(
      'sli_samples summed per SLO and hour of bucket_start (epoch seconds)',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('slo_name', 255).notNullable();
    table.bigInteger('hour_start').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    table.integer('buckets').notNullable();
    table.primary(
      ['entity_ref', 'slo_name', 'hour_start'],
      'sli_sample_hours_pk',
    );
    table.index(['hour_start'], 'sli_sample_hours_hour_idx');
  });
  await knex.schema.alterTable('sli_samples', table => {
    table.index(['bucket_start'], 'sli_samples_bucket_start_idx');
  });
  await knex.raw(
    `INSERT INTO sli_sample_series (entity_ref, slo_name, max_bucket_seconds)
     SELECT entity_ref, slo_name, MAX(bucket_seconds)
     FROM sli_samples GROUP BY entity_ref, slo_name`,
  );
  // bucket_start is an integer column: integer division on both engines.
  await knex.raw(
    `INSERT INTO sli_sample_hours (entity_ref, slo_name, hour_start, good, total, buckets)
     SELECT entity_ref, slo_name, (bucket_start / 3600) * 3600, SUM(good), SUM(total), COUNT(*)
     FROM sli_samples GROUP BY entity_ref, slo_name, bucket_start / 3600`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sli_samples', table => {
    table.dropIndex(['bucket_start'], 'sli_samples_bucket_start_idx');
  });
  await knex.schema.dropTable('sli_sample_hours');
  await knex.schema.dropTable('sli_sample_series');
};
