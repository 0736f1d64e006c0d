import { Knex } from 'knex';

/**
 * Whose records a store lists: these entities only, and never those.
 *
 * @internal
 */
export interface EntityFilter {
  entityRefs?: string[];
  /** Leaves out the records of these entities. */
  excludeEntityRefs?: string[];
}

/**
 * Narrows a query to the filter's entities.
 *
 * @internal
 */
export function whereEntities(
  query: Knex.QueryBuilder,
  filter: EntityFilter,
  column = 'entity_ref',
): Knex.QueryBuilder {
  if (filter.entityRefs) {
    query.whereIn(column, filter.entityRefs);
  }
  if (filter.excludeEntityRefs?.length) {
    query.whereNotIn(column, filter.excludeEntityRefs);
  }
  return query;
}

/**
 * The distinct entities of the rows a query finds.
 *
 * @internal
 */
export async function distinctEntityRefs(
  query: Knex.QueryBuilder,
  column = 'entity_ref',
): Promise<string[]> {
  const rows: Array<{ entity_ref: string }> = await query.distinct(column);
  return rows.map(row => row.entity_ref);
}
