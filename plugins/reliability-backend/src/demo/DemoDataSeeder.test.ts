import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { DatabaseActionItemStore } from '../actionItems/DatabaseActionItemStore';
import { DatabasePostmortemStore } from '../postmortems/DatabasePostmortemStore';
import { DatabaseRunbookStore } from '../runbooks/store/DatabaseRunbookStore';
import { DemoDataSeeder } from './DemoDataSeeder';
import { DEMO_GAME_DAY_RUNBOOK } from './demoIncidents';

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
        runbooks: DatabaseRunbookStore.create({ knex }),
        appBaseUrl: 'https://portal.acme-shop.example/',
        logger: mockServices.logger.mock(),
      });

      const now = new Date('2026-11-22T12:00:00Z');
      expect(await seeder.seed(now)).toBe(29 + 4);
      // A restart a day later finds every record by its stable id.
      expect(await seeder.seed(new Date('2026-11-23T12:00:00Z'))).toBe(0);

      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('incidents')).toBe(29);
      expect(await count('postmortems')).toBe(4);
      expect(await count('action_items')).toBe(10);
      expect(await count('audit_log')).toBe(29 + 4 + 10);
      expect(
        await knex('postmortems').orderBy('status').pluck('status'),
      ).toEqual(['draft', 'in_review', 'published', 'published']);

      // One past game day on checkout that walked its pool runbook, with a
      // published debrief; the runbook library shows it validated then.
      const drills = await incidents.listIncidents(
        { drill: true },
        { limit: 10 },
      );
      expect(drills.items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/checkout',
          drill: 'game_day',
          status: 'resolved',
          runbookUrl: `https://portal.acme-shop.example/reliability/runbooks/${encodeURIComponent(
            DEMO_GAME_DAY_RUNBOOK,
          )}`,
        }),
      ]);
      const [drill] = drills.items;
      expect(
        await knex('postmortem_incidents')
          .join(
            'postmortems',
            'postmortems.id',
            'postmortem_incidents.postmortem_id',
          )
          .where('incident_id', drill.id)
          .pluck('postmortems.status'),
      ).toEqual(['published']);
      // Listed as the drill's debrief; the other postmortems are not.
      const listed = await DatabasePostmortemStore.create({
        knex,
      }).listPostmortems({}, { limit: 10 });
      expect(
        listed.items.map(p => [p.title, p.drill]).filter(([, d]) => d),
      ).toEqual([['Game day debrief: connection pool exhaustion', 'game_day']]);
      expect(listed.items.filter(p => p.drill === null)).toHaveLength(3);
      const validations = await knex('runbook_validations').select();
      expect(validations).toEqual([
        expect.objectContaining({
          runbook_id: DEMO_GAME_DAY_RUNBOOK,
          incident_id: drill.id,
        }),
      ]);
      expect(new Date(validations[0].validated_at).toISOString()).toBe(
        drill.resolvedAt,
      );
      expect(await incidents.listIncidents({}, { limit: 100 })).toMatchObject({
        items: expect.arrayContaining(
          ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map(severity =>
            expect.objectContaining({ severity }),
          ),
        ),
      });

      // The checkout story: five action items, one of them overdue.
      const { answer: checkoutItems } = await actionItems.getEntitySummary(
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

      const { answer: checkout } = await incidents.getEntitySummary(
        'component:default/checkout',
        { now, recentLimit: 5 },
      );
      expect(checkout.last90Days).toContainEqual({
        severity: 'SEV2',
        count: 1,
      });
      // The game day is listed too, but counts in no figure.
      expect(checkout.recent.filter(i => i.drill)).toHaveLength(1);
      const pool = checkout.recent.find(
        i => i.severity === 'SEV2' && !i.drill,
      )!;
      expect(
        (Date.parse(pool.resolvedAt!) - Date.parse(pool.startedAt)) / 60_000,
      ).toBe(75);
    },
  );
});
