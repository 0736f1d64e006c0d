import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { DemoDataSeeder } from './DemoDataSeeder';

jest.setTimeout(60_000);

describe('DemoDataSeeder', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'seeds the demo once and leaves it alone on the next start, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const incidents = DatabaseIncidentStore.create({ knex });
      const seeder = DemoDataSeeder.create({
        incidents,
        logger: mockServices.logger.mock(),
      });

      const now = new Date('2026-11-22T12:00:00Z');
      expect(await seeder.seed(now)).toBe(28);
      // A restart a day later finds every record by its stable id.
      expect(await seeder.seed(new Date('2026-11-23T12:00:00Z'))).toBe(0);

      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('incidents')).toBe(28);
      expect(await count('audit_log')).toBe(28);

      const open = await incidents.listIncidents(
        { status: 'open' },
        { limit: 10 },
      );
      expect(open.items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/fraud-detector',
          severity: 'SEV3',
          status: 'investigating',
          source: 'alertmanager',
        }),
      ]);

      const checkout = await incidents.getEntitySummary(
        'component:default/checkout',
        { now, recentLimit: 5 },
      );
      expect(checkout.last90Days).toContainEqual({ severity: 'SEV2', count: 1 });
      const pool = checkout.recent.find(i => i.severity === 'SEV2')!;
      expect(
        (Date.parse(pool.resolvedAt!) - Date.parse(pool.startedAt)) / 60_000,
      ).toBe(75);
    },
  );
});
