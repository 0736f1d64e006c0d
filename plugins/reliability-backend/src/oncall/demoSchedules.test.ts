import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { validateSchedule } from '@reliability-hub/plugin-reliability-common';
import { DatabaseActionItemStore } from '../actionItems/DatabaseActionItemStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { DemoDataSeeder } from '../demo/DemoDataSeeder';
import { demoSchedules } from '../demo/demoSchedules';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { DatabasePostmortemStore } from '../postmortems/DatabasePostmortemStore';
import { ScheduleService } from './ScheduleService';
import { DatabaseScheduleStore } from './DatabaseScheduleStore';

jest.setTimeout(60_000);

describe('demo schedules', () => {
  const now = new Date('2026-11-22T12:00:00Z');

  it('are valid schedules', () => {
    for (const s of demoSchedules(now)) {
      expect([s.name, validateSchedule({ ...s, name: s.name })]).toEqual([
        s.name,
        [],
      ]);
    }
  });

  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'are seeded once, with the swap and the follow-the-sun chain, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const schedules = DatabaseScheduleStore.create({ knex });
      const seeder = DemoDataSeeder.create({
        incidents: DatabaseIncidentStore.create({ knex }),
        postmortems: DatabasePostmortemStore.create({ knex }),
        actionItems: DatabaseActionItemStore.create({ knex }),
        schedules,
        logger: mockServices.logger.mock(),
      });
      expect(await seeder.seed(now)).toBe(29 + 4 + 5);
      expect(await seeder.seed(new Date('2026-11-23T12:00:00Z'))).toBe(0);
      expect((await schedules.listSchedules()).map(s => s.name)).toEqual([
        'checkout-primary',
        'checkout-secondary',
        'payments-follow-the-sun',
        'payments-secondary',
        'sre-daily',
      ]);

      const service = ScheduleService.create({
        store: schedules,
        catalog: catalogServiceMock(),
        auth: mockServices.auth(),
      });
      const whoAt = async (at: string, name: string) =>
        (await service.onCallNow({ at: new Date(at) })).schedules.find(
          s => s.name === name,
        )!;

      // The swap: Monday 2026-11-30 08:00Z for a day.
      const swap = await whoAt('2026-11-30T12:00:00Z', 'checkout-primary');
      expect(swap.current).toMatchObject({
        user: 'user:default/priya.raman',
        override: true,
      });
      expect(swap.escalation.map(l => l.delayMinutes)).toEqual([0, 15, 30]);

      // Follow the sun on Tuesday 2026-11-24: Tokyo, Berlin, New York.
      const tokyo = await whoAt(
        '2026-11-24T00:30:00Z',
        'payments-follow-the-sun',
      );
      expect(tokyo.current?.layer).toBe('tokyo');
      const berlin = await whoAt(
        '2026-11-24T09:00:00Z',
        'payments-follow-the-sun',
      );
      expect(berlin.current?.layer).toBe('berlin');
      const newYork = await whoAt(
        '2026-11-24T19:00:00Z',
        'payments-follow-the-sun',
      );
      expect(newYork.current?.layer).toBe('new-york');
      expect(newYork.escalation).toEqual([
        {
          delayMinutes: 0,
          schedule: 'payments-follow-the-sun',
          user: newYork.current!.user,
        },
        {
          delayMinutes: 10,
          schedule: 'payments-secondary',
          user: expect.stringMatching(/^user:default\//),
        },
        { delayMinutes: 20, user: 'user:default/anna.kowalska' },
      ]);
    },
  );
});
