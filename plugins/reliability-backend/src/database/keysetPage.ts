import { Page } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import { toEpochMs } from './sql';

/**
 * Which page of a list to read: at most `limit` items after `cursor`, the
 * `nextCursor` of the page before.
 *
 * @internal
 */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/**
 * How {@link keysetPage} orders and resumes.
 *
 * @internal
 */
export type KeysetOrder<Row> =
  | {
      /** A timestamp column, newest first (the default). */
      key?: 'time';
      column: string;
      /** The row's time in epoch milliseconds; by default its `column`'s. */
      keyOf?(row: Row): number;
    }
  | {
      /** A text column, in ascending order. */
      key: 'text';
      column: string;
      keyOf(row: Row): string;
    };

/**
 * One page of rows ordered by a column then by id, read with a keyset (the
 * cursor holds the last row's key and id), so a page costs the same however
 * deep it is and rows written meanwhile are neither skipped nor repeated.
 *
 * @internal
 */
export async function keysetPage<Row extends { id: string }, Item>(
  query: Knex.QueryBuilder,
  options: KeysetOrder<Row> &
    PageRequest & {
      /** The id column, qualified when the query joins; default `id`. */
      idColumn?: string;
      toItem: (row: Row) => Item;
    },
): Promise<Page<Item>> {
  const { column, limit, idColumn = 'id' } = options;
  const text = options.key === 'text';
  const order = text ? 'asc' : 'desc';
  if (options.cursor) {
    const after = text
      ? decodeCursor(options.cursor, 'text')
      : decodeCursor(options.cursor, 'time');
    const key = text ? after.key : new Date(after.key);
    const beyond = text ? '>' : '<';
    query.where(inner =>
      inner
        .where(column, beyond, key)
        .orWhere(same =>
          same.where(column, key).andWhere(idColumn, beyond, after.id),
        ),
    );
  }
  const rows: Row[] = await query
    .orderBy([
      { column, order },
      { column: idColumn, order },
    ])
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(options.toItem);
  if (rows.length <= limit) {
    return { items };
  }
  const last = rows[limit - 1];
  const key = options.keyOf
    ? options.keyOf(last)
    : toEpochMs((last as Record<string, any>)[column]);
  return { items, nextCursor: encodeCursor({ key, id: last.id }) };
}
