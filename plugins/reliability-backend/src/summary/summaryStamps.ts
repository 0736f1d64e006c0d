import { Knex } from 'knex';
import { toNumber } from '../database/sql';

/**
 * The change stamps of entities, in the order of `entityRefs`: numbers the
 * database raises with every write to an entity's incidents, their
 * timelines and postmortems, or its action items (see the
 * entity_summary_stamps migration). 0 for an entity never written since.
 *
 * @internal
 */
export async function readSummaryStamps(
  knex: Knex,
  entityRefs: string[],
): Promise<number[]> {
  if (!entityRefs.length) {
    return [];
  }
  const rows: Array<{ entity_ref: string; version: unknown }> = await knex(
    'entity_summary_stamps',
  )
    .whereIn('entity_ref', entityRefs)
    .select('entity_ref', 'version');
  const versions = new Map(
    rows.map(row => [row.entity_ref, toNumber(row.version)]),
  );
  return entityRefs.map(ref => versions.get(ref) ?? 0);
}
