import { TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir } from '../../database/migrations';

jest.setTimeout(60_000);

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
});
