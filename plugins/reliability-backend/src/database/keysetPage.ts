import { Page } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';

/**
 * One page of rows, newest first by a timestamp column then by id, read with
 * a keyset (the cursor holds the last row's timestamp and id), so a page
 * costs the same however deep it is and rows written meanwhile are neither
 * skipped nor repeated.
 *
 * @internal
 */
export async function keysetPage<Row extends { id: string }, Item>(
  query: Knex.QueryBuilder,
  options: {
    column: string;
    limit: number;
    cursor?: string;
    toItem: (row: Row) => Item;
    /** The timestamp of an item, in epoch milliseconds. */
    timeOf: (item: Item) => number;
  },
): Promise<Page<Item>> {
  const { column, limit } = options;
  if (options.cursor) {
    const { startedAt, id } = decodeCursor(options.cursor);
    const at = new Date(startedAt);
    query.where(inner =>
      inner
        .where(column, '<', at)
        .orWhere(same => same.where(column, at).andWhere('id', '<', id)),
    );
  }
  const rows: Row[] = await query
    .orderBy([
      { column, order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(options.toItem);
  if (rows.length <= limit) {
    return { items };
  }
  const lastRow = rows[limit - 1];
  return {
    items,
    nextCursor: encodeCursor({
      startedAt: options.timeOf(items[items.length - 1]),
      id: lastRow.id,
    }),
  };
}
