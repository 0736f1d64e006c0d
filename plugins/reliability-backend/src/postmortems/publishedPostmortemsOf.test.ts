import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { publishedPostmortemsOf } from './publishedPostmortemsOf';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
});

/** SQLite's plan of a query, one line per step. */
async function planOf(knex: Knex, query: Knex.QueryBuilder) {
  const { sql, bindings } = query.toSQL();
  const rows = await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings);
  return (rows as Array<{ detail: string }>).map(row => row.detail);
}

describe('publishedPostmortemsOf', () => {
  it('reads an incident’s links by incident, then each postmortem by key, never every published postmortem', async () => {
    const knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(knex);
    // No statistics, as in a portal's database (nothing runs ANALYZE):
    // SQLite judges by the indexes alone.
    const plan = await planOf(
      knex,
      knex('incidents')
        .select('incidents.id')
        .whereNotExists(
          publishedPostmortemsOf(knex, 'incidents.id', 'x').select(
            knex.raw('1'),
          ),
        ),
    );

    const links = plan.findIndex(step =>
      /^SEARCH xi USING .*INDEX postmortem_incidents_incident_idx \(incident_id=\?\)/.test(
        step,
      ),
    );
    const postmortems = plan.findIndex(step =>
      /^SEARCH xp USING .*INDEX sqlite_autoindex_postmortems_1 \(id=\?\)/.test(
        step,
      ),
    );
    expect({ plan, links, postmortems }).toEqual({
      plan,
      links: expect.any(Number),
      postmortems: expect.any(Number),
    });
    expect(links).toBeGreaterThanOrEqual(0);
    expect(postmortems).toBeGreaterThan(links);
    await knex.destroy();
  });
});
