import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { recordAudit } from '../audit/AuditLog';
import { isPostgres } from './sql';

type Db = Knex | Knex.Transaction;

/**
 * The 409 of a write made against a version of a record that is no longer
 * the current one.
 *
 * @internal
 */
export function staleVersionError(
  thing: string,
  id: string,
  expected: number,
  current: number,
): ConflictError {
  return new ConflictError(
    `${thing} ${id} has changed since version ${expected} (it is at version ${current}); reload and try again`,
  );
}

/**
 * A change of a record, made against the version its writer saw.
 *
 * @internal
 */
export interface VersionedChange<Changes> {
  expectedVersion: number;
  changes: Changes;
  /** Who the change history names. */
  actor: string;
}

/**
 * Runs `work` in the transaction `db` already is, or in a new one.
 *
 * @internal
 */
export function inTransaction<T>(
  db: Db,
  work: (tx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db as Knex.Transaction) : db.transaction(work);
}

/**
 * What {@link VersionedRecords} needs to know about one kind of record.
 *
 * @internal
 */
export interface VersionedRecordsOptions<T extends { version: number }> {
  /** The table, with `id`, `version` and `updated_at` columns. */
  table: string;
  /** How messages name the record, e.g. `Action item`. */
  thing: string;
  /** The change history's resource type and action prefix, e.g. `action-item`. */
  resourceType: string;
  /** The record as the API answers it, from its row (`db` reads the rest). */
  fromRow(row: any, db: Db): T | Promise<T>;
  /** The entity (or group) the history files a record under; its `entityRef` by default. */
  entityRefOf?(record: T): string | undefined;
}

/** When a write happens and who makes it, as the change history names them. */
interface Writer {
  actor: string;
  /** The history's action when not `<resource type>.update`. */
  action?: string;
}

/**
 * The writes of records that people edit. A change is made against the
 * version its writer saw: a stale version gets 409 and changes nothing, a
 * current one is bumped. Each write is recorded in the change history, with
 * the record as the API answers it before and after, in the same
 * transaction (the caller's, when `db` is one).
 *
 * @internal
 */
export class VersionedRecords<T extends { version: number }> {
  static create<T extends { version: number }>(
    options: VersionedRecordsOptions<T>,
  ): VersionedRecords<T> {
    return new VersionedRecords(options);
  }

  private constructor(private readonly options: VersionedRecordsOptions<T>) {}

  /** The record as the API answers it, or undefined when there is none. */
  async read(db: Db, id: string): Promise<T | undefined> {
    const row = await db(this.options.table).where({ id }).first();
    return row && this.options.fromRow(row, db);
  }

  /**
   * Inserts a record (at version 1) with `insert`, which may refuse with an
   * error, and records its creation.
   */
  async create(
    db: Db,
    id: string,
    writer: Writer,
    insert: (tx: Knex.Transaction, now: Date) => Promise<unknown>,
  ): Promise<T> {
    const now = new Date();
    return inTransaction(db, async tx => {
      await insert(tx, now);
      const created = (await this.read(tx, id))!;
      await this.record(tx, id, writer, now, { after: created });
      return created;
    });
  }

  /**
   * Changes the record if it is still at `expectedVersion`: `apply` makes the
   * writes of its own (timeline events, links) and answers the columns to
   * set. Throws NotFoundError or ConflictError, and then nothing is written.
   */
  async update(
    db: Db,
    id: string,
    writer: Writer & { expectedVersion: number },
    apply: (
      tx: Knex.Transaction,
      current: T,
      now: Date,
    ) => Promise<Record<string, unknown>>,
  ): Promise<T> {
    const { table, thing } = this.options;
    const { expectedVersion } = writer;
    const now = new Date();
    return inTransaction(db, async tx => {
      if (isPostgres(tx)) {
        // Writers of one record queue here, so the later reads the version
        // the earlier wrote and is refused before writing anything of its
        // own (a revision numbered by its version would collide instead).
        // SQLite runs one write transaction at a time anyway.
        await tx(table).where({ id }).forUpdate().first('id');
      }
      const before = await this.read(tx, id);
      if (!before) {
        throw new NotFoundError(
          `No ${thing.toLocaleLowerCase('en-US')} with id ${id}`,
        );
      }
      if (before.version !== expectedVersion) {
        throw staleVersionError(thing, id, expectedVersion, before.version);
      }
      const columns = await apply(tx, before, now);
      const updated = await tx(table)
        .where({ id, version: expectedVersion })
        .update({ ...columns, updated_at: now, version: expectedVersion + 1 });
      if (updated !== 1) {
        // Another writer got there between our read and our update.
        const current = await tx(table).where({ id }).first('version');
        const version = Number(current?.version);
        throw staleVersionError(thing, id, expectedVersion, version);
      }
      const after = (await this.read(tx, id))!;
      await this.record(tx, id, writer, now, { before, after });
      return after;
    });
  }

  private async record(
    tx: Knex.Transaction,
    id: string,
    writer: Writer,
    now: Date,
    change: { before?: T; after: T },
  ) {
    const { resourceType, entityRefOf } = this.options;
    const verb = change.before ? 'update' : 'create';
    await recordAudit(tx, {
      actor: writer.actor,
      action: writer.action ?? `${resourceType}.${verb}`,
      resourceType,
      resourceId: id,
      entityRef: entityRefOf
        ? entityRefOf(change.after)
        : (change.after as { entityRef?: string }).entityRef,
      ...change,
      at: now,
    });
  }
}
