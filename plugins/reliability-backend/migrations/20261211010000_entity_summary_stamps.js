/*
 * A change stamp per entity: a number the database raises in the same
 * transaction as every write that can change what the entity page's summary
 * says about the entity's incidents and action items — a write to one of its
 * incidents, their timelines, the links of postmortems to them, the status of
 * a postmortem covering them, or its action items, including the deletes a
 * removed postmortem cascades to. Each backend keeps the summaries it
 * computed while the stamps they were computed at are still the current
 * ones, so a page view reads one row per entity instead of counting a busy
 * component's history, and no one sees a summary older than a write that
 * committed before they asked, whichever backend made it. An entity with no
 * row has never been written since the table was added: version 0.
 */

// @ts-check

const TABLE = 'entity_summary_stamps';

/** The tables whose rows name their entity in `entity_ref`. */
const OWN_TABLES = ['incidents', 'action_items'];
/** The tables whose rows name an incident in `incident_id`. */
const INCIDENT_TABLES = ['incident_events', 'postmortem_incidents'];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(TABLE, table => {
    table.comment(
      'Raised by triggers with every write to what the entity summary reads',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table.bigInteger('version').notNullable();
  });

  if (knex.client.config.client === 'pg') {
    const bump = `ON CONFLICT (entity_ref)
      DO UPDATE SET version = ${TABLE}.version + 1`;
    await knex.raw(`
      CREATE FUNCTION ${TABLE}_own() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO ${TABLE} (entity_ref, version)
          VALUES (OLD.entity_ref, 1) ${bump};
        END IF;
        IF TG_OP = 'INSERT'
          OR (TG_OP = 'UPDATE' AND OLD.entity_ref <> NEW.entity_ref) THEN
          INSERT INTO ${TABLE} (entity_ref, version)
          VALUES (NEW.entity_ref, 1) ${bump};
        END IF;
        RETURN NULL;
      END
      $$`);
    await knex.raw(`
      CREATE FUNCTION ${TABLE}_incident() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO ${TABLE} (entity_ref, version)
          SELECT entity_ref, 1 FROM incidents WHERE id = OLD.incident_id
          ${bump};
        END IF;
        IF TG_OP = 'INSERT'
          OR (TG_OP = 'UPDATE' AND OLD.incident_id <> NEW.incident_id) THEN
          INSERT INTO ${TABLE} (entity_ref, version)
          SELECT entity_ref, 1 FROM incidents WHERE id = NEW.incident_id
          ${bump};
        END IF;
        RETURN NULL;
      END
      $$`);
    // In a fixed order, so that two writers of the same entities queue
    // instead of each waiting for the other.
    await knex.raw(`
      CREATE FUNCTION ${TABLE}_postmortem() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${TABLE} (entity_ref, version)
        SELECT DISTINCT i.entity_ref, 1
        FROM postmortem_incidents pi JOIN incidents i ON i.id = pi.incident_id
        WHERE pi.postmortem_id = NEW.id
        ORDER BY i.entity_ref
        ${bump};
        RETURN NULL;
      END
      $$`);
    for (const table of OWN_TABLES) {
      await knex.raw(`
        CREATE TRIGGER ${TABLE}_track AFTER INSERT OR UPDATE OR DELETE
        ON ${table} FOR EACH ROW EXECUTE FUNCTION ${TABLE}_own()`);
    }
    for (const table of INCIDENT_TABLES) {
      await knex.raw(`
        CREATE TRIGGER ${TABLE}_track AFTER INSERT OR UPDATE OR DELETE
        ON ${table} FOR EACH ROW EXECUTE FUNCTION ${TABLE}_incident()`);
    }
    await knex.raw(`
      CREATE TRIGGER ${TABLE}_track
      AFTER UPDATE OF status, published_at ON postmortems FOR EACH ROW
      WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.published_at IS DISTINCT FROM NEW.published_at)
      EXECUTE FUNCTION ${TABLE}_postmortem()`);
    return;
  }

  // SQLite: an upsert's SELECT needs a WHERE clause to parse as one.
  const bump = 'ON CONFLICT (entity_ref) DO UPDATE SET version = version + 1;';
  const own = (/** @type {string} */ row) =>
    `INSERT INTO ${TABLE} (entity_ref, version)
     VALUES (${row}.entity_ref, 1) ${bump}`;
  const incident = (/** @type {string} */ row) =>
    `INSERT INTO ${TABLE} (entity_ref, version)
     SELECT entity_ref, 1 FROM incidents WHERE id = ${row}.incident_id ${bump}`;
  for (const [tables, stamp] of /** @type {const} */ ([
    [OWN_TABLES, own],
    [INCIDENT_TABLES, incident],
  ])) {
    for (const table of tables) {
      await knex.raw(`
        CREATE TRIGGER ${TABLE}_${table}_insert AFTER INSERT ON ${table}
        BEGIN ${stamp('NEW')} END`);
      await knex.raw(`
        CREATE TRIGGER ${TABLE}_${table}_update AFTER UPDATE ON ${table}
        BEGIN ${stamp('OLD')} ${stamp('NEW')} END`);
      await knex.raw(`
        CREATE TRIGGER ${TABLE}_${table}_delete AFTER DELETE ON ${table}
        BEGIN ${stamp('OLD')} END`);
    }
  }
  await knex.raw(`
    CREATE TRIGGER ${TABLE}_postmortems_update
    AFTER UPDATE OF status, published_at ON postmortems
    WHEN OLD.status IS NOT NEW.status
      OR OLD.published_at IS NOT NEW.published_at
    BEGIN
      INSERT INTO ${TABLE} (entity_ref, version)
      SELECT DISTINCT i.entity_ref, 1 FROM postmortem_incidents pi, incidents i
      WHERE pi.postmortem_id = NEW.id AND i.id = pi.incident_id ${bump}
    END`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    for (const table of [...OWN_TABLES, ...INCIDENT_TABLES, 'postmortems']) {
      await knex.raw(`DROP TRIGGER IF EXISTS ${TABLE}_track ON ${table}`);
    }
    for (const kind of ['own', 'incident', 'postmortem']) {
      await knex.raw(`DROP FUNCTION IF EXISTS ${TABLE}_${kind}()`);
    }
  } else {
    for (const table of [...OWN_TABLES, ...INCIDENT_TABLES]) {
      for (const op of ['insert', 'update', 'delete']) {
        await knex.raw(`DROP TRIGGER IF EXISTS ${TABLE}_${table}_${op}`);
      }
    }
    await knex.raw(`DROP TRIGGER IF EXISTS ${TABLE}_postmortems_update`);
  }
  await knex.schema.dropTable(TABLE);
};
