import { Knex } from 'knex';

/**
 * The published postmortems covering the incident whose id is in
 * `incidentIdColumn` (e.g. `incidents.id`), as a correlated subquery: the
 * incident's links are read by their incident index, then each postmortem by
 * its key. The CROSS JOIN keeps SQLite in that order; with a join it may
 * instead walk every published postmortem (by the review's status index)
 * for each incident, which at 100,000 postmortems turns an entity page's
 * milliseconds into seconds. PostgreSQL plans it as any join.
 *
 * The postmortems are `<alias>p`, their links `<alias>i`, so that the same
 * query can hold several of these.
 *
 * @internal
 */
export function publishedPostmortemsOf(
  knex: Knex,
  incidentIdColumn: string,
  alias: string,
): Knex.QueryBuilder {
  const link = `${alias}i`;
  const postmortem = `${alias}p`;
  return knex(`postmortem_incidents as ${link}`)
    .crossJoin(knex.raw('?? as ??', ['postmortems', postmortem]))
    .whereRaw('??.?? = ??.??', [postmortem, 'id', link, 'postmortem_id'])
    .whereRaw('??.?? = ??', [link, 'incident_id', incidentIdColumn])
    .where(`${postmortem}.status`, 'published');
}
