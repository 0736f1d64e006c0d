import { TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir } from '../../database/migrations';
import { DatabaseRunbookStore } from './DatabaseRunbookStore';

jest.setTimeout(60_000);

const TEXT_INDEX = '20261211020000_runbook_text_index.js';
const TODAY = '2026-11-22';

const TABLES = [
  'runbooks',
  'runbook_texts',
  'runbook_alerts',
  'runbook_tags',
  'runbook_sources',
];

describe('the runbooks migration', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'goes up and down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await knex('runbooks').insert({
        id: 'component:default/checkout/rollback',
        entity_ref: 'component:default/checkout',
        kind: 'structured',
        title: 'Roll back',
        title_sort: 'roll back',
        alerts: '[]',
        tags: '[]',
        source_location: 'runbooks/rollback.md',
        indexed_at: new Date(),
      });
      expect(await knex('runbooks').first()).toMatchObject({
        last_reviewed: '',
        review_due: null,
      });

      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261122190000_runbooks.js',
      });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      // Earlier tables stay.
      expect(await knex.schema.hasTable('incidents')).toBe(true);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'indexes the texts already there for search, and goes down without the index, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({
        directory: migrationsDir,
        name: TEXT_INDEX,
      });
      await knex('runbooks').insert({
        id: 'component:default/checkout/db-pool',
        entity_ref: 'component:default/checkout',
        kind: 'structured',
        title: 'Pool',
        title_sort: 'pool',
        alerts: '[]',
        tags: '[]',
        source_location: 'runbooks/db-pool.md',
        indexed_at: new Date(),
      });
      await knex('runbook_texts').insert({
        runbook_id: 'component:default/checkout/db-pool',
        search_text: 'select pid from pg_stat_activity',
      });

      await knex.migrate.latest({ directory: migrationsDir });
      const store = DatabaseRunbookStore.create({ knex });
      const search = (q: string) =>
        store.searchLibrary({ q, sort: 'title', limit: 20, today: TODAY });
      expect(await search('stat_act')).toMatchObject({ total: 1 });
      expect(await search('stat_acx')).toMatchObject({ total: 0 });

      await knex.migrate.down({ directory: migrationsDir, name: TEXT_INDEX });
      const leftovers = databaseId.startsWith('POSTGRES')
        ? await knex('pg_indexes')
            .where({ indexname: 'runbook_texts_search_trgm_idx' })
            .pluck('indexname')
        : await knex('sqlite_master')
            .where('name', 'like', 'runbook_search%')
            .pluck('name');
      expect(leftovers).toEqual([]);
      // Writes to the texts touch nothing of the index any more.
      await knex('runbook_texts').delete();
      await knex.destroy();
    },
  );
});
