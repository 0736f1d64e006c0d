/*
 * SLOs: the OpenSLO definitions read for each entity (with the problems
 * found), the latest evaluation of each objective, the evaluation history for
 * the charts, and the good/total counts posted to the built-in push source.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_definitions', table => {
    table.comment('OpenSLO definitions of one entity, as last read');
    table.string('entity_ref', 255).primary().notNullable();
    table
      .text('location')
      .notNullable()
      .comment('The reliability-hub.io/openslo annotation as written');
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table
      .string('content_hash', 64)
      .nullable()
      .comment('sha256 of the files read; unchanged files are not re-parsed');
    table
      .text('etags')
      .nullable()
      .comment('JSON: ETag per file URL, for conditional reads');
    table
      .text('definitions')
      .notNullable()
      .comment('JSON: normalized SLO definitions with their YAML documents');
    table.text('problems').notNullable().comment('JSON: problems found');
    table.timestamp('read_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('slo_status', table => {
    table.comment('Latest evaluation of each SLO objective');
    table
      .string('slo_id', 600)
      .primary()
      .notNullable()
      .comment('<entity ref>/<slo name>/<objective index>');
    table.string('entity_ref', 255).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.text('status').notNullable().comment('JSON: the SloStatus');
    table.index(['entity_ref'], 'slo_status_entity_idx');
  });

  await knex.schema.createTable('slo_snapshots', table => {
    table.comment('Evaluation history of SLO objectives, for the charts');
    table.bigIncrements('id').primary();
    table.string('slo_id', 600).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.string('state', 32).notNullable();
    table.double('sli').nullable();
    table.double('remaining_fraction').nullable();
    table.double('burn_rate_1h').nullable();
    table.double('burn_rate_6h').nullable();
    table.unique(['slo_id', 'evaluated_at'], {
      indexName: 'slo_snapshots_slo_at_uniq',
    });
    table.index(['evaluated_at'], 'slo_snapshots_at_idx');
  });

  await knex.schema.createTable('sli_samples', table => {
    table.comment('Good/total counts posted to the built-in push SLI source');
    table.string('entity_ref', 255).notNullable();
    table.string('slo_name', 255).notNullable();
    table
      .bigInteger('bucket_start')
      .notNullable()
      .comment('Start of the bucket, epoch seconds');
    table.integer('bucket_seconds').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(
      ['entity_ref', 'slo_name', 'bucket_start'],
      'sli_samples_bucket_pk',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sli_samples');
  await knex.schema.dropTable('slo_snapshots');
  await knex.schema.dropTable('slo_status');
  await knex.schema.dropTable('slo_definitions');
};
