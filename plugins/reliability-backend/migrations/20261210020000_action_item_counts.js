/*
 * How many action items each entity has in each status, kept by the
 * database in the same transaction as every write to action_items (insert,
 * status or entity change, delete, and the deletes a removed postmortem
 * cascades to), so the entity page reads a handful of rows instead of
 * counting every action item a busy component ever had.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('action_item_counts', table => {
    table.comment('Action items per entity and status, kept by triggers');
    table.string('entity_ref', 255).notNullable();
    table.string('status', 16).notNullable();
    table.integer('item_count').notNullable();
    table.primary(['entity_ref', 'status']);
  });
  await knex.raw(
    `INSERT INTO action_item_counts (entity_ref, status, item_count)
     SELECT entity_ref, status, COUNT(*) FROM action_items GROUP BY entity_ref, status`,
  );

  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION action_item_counts_track() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
          AND OLD.entity_ref = NEW.entity_ref
          AND OLD.status = NEW.status THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE action_item_counts SET item_count = item_count - 1
          WHERE entity_ref = OLD.entity_ref AND status = OLD.status;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO action_item_counts (entity_ref, status, item_count)
          VALUES (NEW.entity_ref, NEW.status, 1)
          ON CONFLICT (entity_ref, status)
          DO UPDATE SET item_count = action_item_counts.item_count + 1;
        END IF;
        RETURN NULL;
      END
      $$`);
    await knex.raw(`
      CREATE TRIGGER action_item_counts_track
      AFTER INSERT OR DELETE OR UPDATE OF entity_ref, status ON action_items
      FOR EACH ROW EXECUTE FUNCTION action_item_counts_track()`);
    return;
  }

  const add = (row = 'NEW') => `
    INSERT INTO action_item_counts (entity_ref, status, item_count)
    VALUES (${row}.entity_ref, ${row}.status, 1)
    ON CONFLICT (entity_ref, status) DO UPDATE SET item_count = item_count + 1;`;
  const remove = (row = 'OLD') => `
    UPDATE action_item_counts SET item_count = item_count - 1
    WHERE entity_ref = ${row}.entity_ref AND status = ${row}.status;`;
  await knex.raw(`
    CREATE TRIGGER action_item_counts_insert AFTER INSERT ON action_items
    BEGIN ${add()} END`);
  await knex.raw(`
    CREATE TRIGGER action_item_counts_delete AFTER DELETE ON action_items
    BEGIN ${remove()} END`);
  await knex.raw(`
    CREATE TRIGGER action_item_counts_update
    AFTER UPDATE OF entity_ref, status ON action_items
    WHEN OLD.entity_ref <> NEW.entity_ref OR OLD.status <> NEW.status
    BEGIN ${remove()} ${add()} END`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'DROP TRIGGER IF EXISTS action_item_counts_track ON action_items',
    );
    await knex.raw('DROP FUNCTION IF EXISTS action_item_counts_track()');
  } else {
    for (const name of ['insert', 'delete', 'update']) {
      await knex.raw(`DROP TRIGGER IF EXISTS action_item_counts_${name}`);
    }
  }
  await knex.schema.dropTable('action_item_counts');
};
