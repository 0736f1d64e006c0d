import { TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseScheduleStore } from './DatabaseScheduleStore';
import { toNewSchedule } from './scheduleInput';
import { StoredSchedules } from './StoredSchedules';
import { checkoutSchedule, PRIYA } from './__testUtils__/testSchedules';

jest.setTimeout(60_000);

const ACTOR = 'user:default/lena.hoffmann';

describe('StoredSchedules', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'on %p, answers what the store holds after creations, changes, renames and deletions, written by another instance',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseScheduleStore.create({ knex });
      const stored = new StoredSchedules(store);
      const other = DatabaseScheduleStore.create({ knex });
      const create = (name: string) =>
        other.createSchedule(
          toNewSchedule({ ...checkoutSchedule(name), escalationPolicy: null }),
          ACTOR,
        );
      const [a, b, c] = [
        await create('a'),
        await create('b'),
        await create('c'),
      ];
      const asStored = async () =>
        expect((await stored.current()).all).toEqual(
          await store.listSchedules(),
        );

      await asStored();
      await other.addOverride(
        b.id,
        1,
        {
          user: PRIYA,
          start: '2026-11-04T08:00:00Z',
          end: '2026-11-05T08:00:00Z',
        },
        ACTOR,
      );
      await asStored();
      await other.updateSchedule(
        a.id,
        1,
        toNewSchedule({ ...checkoutSchedule('z'), escalationPolicy: null }),
        ACTOR,
      );
      await other.deleteSchedule(c.id, 1, ACTOR);
      await create('d');
      await asStored();
      expect((await stored.current()).all.map(s => s.name)).toEqual([
        'b',
        'd',
        'z',
      ]);
      expect(
        (await stored.current()).all[0].schedule.overrides.map(o => o.user),
      ).toEqual([PRIYA]);
    },
  );
});
