/*
 * A text index for the runbook library's search, which finds every query word
 * anywhere in runbook_texts.search_text (a substring, so that a command
 * fragment like `stat_act` finds `pg_stat_activity`). Without it each search
 * reads every runbook's text, twice (the page and the total).
 *
 * PostgreSQL: a pg_trgm GIN index, which the search's LIKE '%word%' uses as it
 * is. Creating the extension needs a privilege the plugin's database user may
 * not have; the migration then goes on without the index (the search still
 * works, reading every text) and an administrator can add both later:
 *   CREATE EXTENSION pg_trgm;
 *   CREATE INDEX runbook_texts_search_trgm_idx ON runbook_texts
 *     USING gin (search_text gin_trgm_ops);
 *
 * SQLite: an FTS5 table with the trigram tokenizer (bundled with
 * better-sqlite3), kept by triggers in the same transaction as every write to
 * runbook_texts. It is keyed by runbook_search_ids, whose INTEGER PRIMARY KEY
 * keeps its values through a VACUUM (runbook_texts' own rowids may not).
 * The tokenizer is case-sensitive: the text and the query words are already
 * lower-cased the same way, so a match is exactly a substring, as with LIKE.
 * Rebuilding runbook_texts (an ALTER that SQLite cannot do in place) drops the
 * triggers: a later migration that does so must create them again.
 */

// @ts-check

const SQLITE_TRIGGERS = {
  runbook_search_insert: `
    CREATE TRIGGER runbook_search_insert AFTER INSERT ON runbook_texts
    BEGIN
      INSERT INTO runbook_search_ids (runbook_id) VALUES (NEW.runbook_id);
      INSERT INTO runbook_search (rowid, search_text)
      VALUES (
        (SELECT id FROM runbook_search_ids WHERE runbook_id = NEW.runbook_id),
        NEW.search_text
      );
    END`,
  runbook_search_delete: `
    CREATE TRIGGER runbook_search_delete AFTER DELETE ON runbook_texts
    BEGIN
      DELETE FROM runbook_search WHERE rowid =
        (SELECT id FROM runbook_search_ids WHERE runbook_id = OLD.runbook_id);
      DELETE FROM runbook_search_ids WHERE runbook_id = OLD.runbook_id;
    END`,
  runbook_search_update: `
    CREATE TRIGGER runbook_search_update
    AFTER UPDATE OF runbook_id, search_text ON runbook_texts
    BEGIN
      UPDATE runbook_search_ids SET runbook_id = NEW.runbook_id
      WHERE runbook_id = OLD.runbook_id;
      UPDATE runbook_search SET search_text = NEW.search_text WHERE rowid =
        (SELECT id FROM runbook_search_ids WHERE runbook_id = NEW.runbook_id);
    END`,
};

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client === 'pg') {
    // Each DO block catches its own failure, so the migration's transaction
    // goes on without the extension.
    await knex.raw(`
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'runbook search without pg_trgm (%): it reads every runbook text', SQLERRM;
      END
      $$`);
    // The extension may live in another schema than the plugin's tables.
    await knex.raw(`
      DO $$
      DECLARE ops text;
      BEGIN
        SELECT format('%I.%I', n.nspname, c.opcname) INTO ops
        FROM pg_opclass c
        JOIN pg_namespace n ON n.oid = c.opcnamespace
        JOIN pg_am a ON a.oid = c.opcmethod
        WHERE c.opcname = 'gin_trgm_ops' AND a.amname = 'gin'
        LIMIT 1;
        IF ops IS NOT NULL THEN
          EXECUTE format(
            'CREATE INDEX runbook_texts_search_trgm_idx ON runbook_texts USING gin (search_text %s)',
            ops
          );
        END IF;
      END
      $$`);
    return;
  }

  await knex.schema.createTable('runbook_search_ids', table => {
    table.comment(
      'Stable integer keys of runbook_texts rows for runbook_search',
    );
    table.increments('id');
    table.string('runbook_id', 600).notNullable().unique();
  });
  await knex.raw(`
    CREATE VIRTUAL TABLE runbook_search USING fts5(
      search_text,
      tokenize = 'trigram case_sensitive 1',
      columnsize = 0
    )`);
  await knex.raw(
    `INSERT INTO runbook_search_ids (runbook_id)
     SELECT runbook_id FROM runbook_texts`,
  );
  await knex.raw(
    `INSERT INTO runbook_search (rowid, search_text)
     SELECT i.id, t.search_text
     FROM runbook_texts t JOIN runbook_search_ids i ON i.runbook_id = t.runbook_id`,
  );
  for (const sql of Object.values(SQLITE_TRIGGERS)) {
    await knex.raw(sql);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    // The extension stays: other objects of the database may use it.
    await knex.raw('DROP INDEX IF EXISTS runbook_texts_search_trgm_idx');
    return;
  }
  for (const name of Object.keys(SQLITE_TRIGGERS)) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
  }
  await knex.raw('DROP TABLE IF EXISTS runbook_search');
  await knex.schema.dropTableIfExists('runbook_search_ids');
};
