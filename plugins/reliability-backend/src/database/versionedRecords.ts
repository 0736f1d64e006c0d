import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { recordAudit } from '../audit/AuditLog';

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
  /** The record as the API answers it, or undefined when there is none. */
  read(db: Db, id: string): Promise<T | undefined>;
  /** The entity (or group) the change history files the record under. */
  entityRefOf(record: T): string | undefined;
}

/**
 * The writes of records that people edit. A change is made against the
 * version its writer saw: a stale version gets 409 and changes nothing, a
 * current one is bumped. Each write is recorded in the change history, with
 * the record as the API answers it before and after, in the caller's
 * transaction.
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
  read(db: Db, id: string): Promise<T | undefined> {
    return this.options.read(db, id);
  }

  /** Inserts a record (at version 1) with `insert` and records its creation. */
  async create(
    tx: Knex.Transaction,
    write: { id: string; actor: string; now: Date; insert(): Promise<unknown> },
  ): Promise<T> {
    await write.insert();
    const created = (await this.options.read(tx, write.id))!;
    await this.record(tx, write, `${this.options.resourceType}.create`, {
      after: created,
    });
    return created;
  }

  /**
   * Changes the record if it is still at `expectedVersion`: `apply` makes the
   * writes of its own (timeline events, links) and answers the columns to
   * set. Throws NotFoundError or ConflictError, and then nothing is written.
   */
  async update(
    tx: Knex.Transaction,
    write: {
      id: string;
      expectedVersion: number;
      actor: string;
      now: Date;
      /** The history's action when not `<resource type>.update`. */
      action?: string;
      apply(current: T): Promise<Record<string, unknown>>;
    },
  ): Promise<T> {
    const { table, thing } = this.options;
    const { id, expectedVersion, now } = write;
    const before = await this.options.read(tx, id);
    if (!before) {
      throw new NotFoundError(
        `No ${thing.toLocaleLowerCase('en-US')} with id ${id}`,
      );
    }
    if (before.version !== expectedVersion) {
      throw staleVersionError(thing, id, expectedVersion, before.version);
    }
    const columns = await write.apply(before);
    const updated = await tx(table)
      .where({ id, version: expectedVersion })
      .update({ ...columns, updated_at: now, version: expectedVersion + 1 });
    if (updated !== 1) {
      // Another writer got there between our read and our update.
      const current = await tx(table).where({ id }).first('version');
      throw staleVersionError(
        thing,
        id,
        expectedVersion,
        Number(current?.version),
      );
    }
    const after = (await this.options.read(tx, id))!;
    const action = write.action ?? `${this.options.resourceType}.update`;
    await this.record(tx, write, action, { before, after });
    return after;
  }

  private async record(
    tx: Knex.Transaction,
    write: { id: string; actor: string; now: Date },
    action: string,
    change: { before?: T; after: T },
  ) {
    await recordAudit(tx, {
      actor: write.actor,
      action,
      resourceType: this.options.resourceType,
      resourceId: write.id,
      entityRef: this.options.entityRefOf(change.after),
      ...change,
      at: write.now,
    });
  }
}
