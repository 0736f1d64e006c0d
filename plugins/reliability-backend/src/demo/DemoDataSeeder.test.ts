import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { DatabaseActionItemStore } from '../actionItems/DatabaseActionItemStore';
import { DatabasePostmortemStore } from '../postmortems/DatabasePostmortemStore';
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
      const actionItems = DatabaseActionItemStore.create({ knex });
      const seeder = DemoDataSeeder.create({
        incidents,
        postmortems: DatabasePostmortemStore.create({ knex }),
        actionItems,
        logger: mockServices.logger.mock(),
      });

      const now = new Date('2026-11-22T12:00:00Z');
      expect(await seeder.seed(now)).toBe(28 + 3);
      // A restart a day later finds every record by its stable id.
      expect(await seeder.seed(new Date('2026-11-23T12:00:00Z'))).toBe(0);

      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('incidents')).toBe(28);
      expect(await count('postmortems')).toBe(3);
      expect(await count('action_items')).toBe(9);
      expect(await count('audit_log')).toBe(28 + 3 + 9);
      expect(
        await knex('postmortems').orderBy('status').pluck('status'),
      ).toEqual(['draft', 'in_review', 'published']);
      expect(await incidents.listIncidents({}, { limit: 100 })).toMatchObject({
        items: expect.arrayContaining(
          ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map(severity =>
            expect.objectContaining({ severity }),
          ),
        ),
      });

      // The checkout story: five action items, one of them overdue.
      const checkoutItems = await actionItems.getEntitySummary(
        'component:default/checkout',
        { today: '2026-11-22', limit: 5 },
      );
      expect(checkoutItems).toMatchObject({ openCount: 3, overdueCount: 1 });
      expect(checkoutItems.items[0]).toMatchObject({
        title: 'Release the connection before the fraud-scoring call',
        overdue: true,
      });

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
      expect(checkout.last90Days).toContainEqual({
        severity: 'SEV2',
        count: 1,
      });
      const pool = checkout.recent.find(i => i.severity === 'SEV2')!;
      expect(
        (Date.parse(pool.resolvedAt!) - Date.parse(pool.startedAt)) / 60_000,
      ).toBe(75);
    },
  );
});
