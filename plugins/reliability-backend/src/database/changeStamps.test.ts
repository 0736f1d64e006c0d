import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { testRunbook } from '../runbooks/__testUtils__/testRunbook';
import { DatabaseRunbookStore } from '../runbooks/store/DatabaseRunbookStore';
import {
  ChangeArea,
  raiseChangeStamp,
  readChangeStamp,
  StampedValue,
} from './changeStamps';
import { applyDatabaseMigrations, migrationsDir } from './migrations';

jest.setTimeout(60_000);

const AREAS: ChangeArea[] = [
  'runbooks',
  'schedules',
  'slo_definitions',
  'slo_statuses',
];
const MIGRATION = '20261212010000_change_stamps.js';
const NOW = new Date('2026-12-07T12:00:00Z');
const CHECKOUT = 'component:default/checkout';

const schedule = (id: string, name: string) => ({
  id,
  name,
  owner_ref: 'group:default/team-checkout',
  definition: '{}',
  feed_token_sha256: `sha-${id}`,
  created_at: NOW,
  updated_at: NOW,
});

describe('the change stamps', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'move for the area each write is in, and only for it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const read = (db: Knex) =>
        Promise.all(AREAS.map(area => readChangeStamp(db, area)));
      let last = await read(knex);
      expect(last.every(stamp => stamp > 0)).toBe(true);
      /** The areas whose stamp moved since the last call. */
      const moved = async () => {
        const next = await read(knex);
        const areas = AREAS.filter((_, i) => next[i] !== last[i]);
        last = next;
        return areas;
      };

      const runbooks = DatabaseRunbookStore.create({ knex });
      const state = {
        entityRef: CHECKOUT,
        location: './runbooks',
        problems: [],
        fileHashes: {},
      };
      await runbooks.replaceEntityRunbooks(
        state,
        [testRunbook(CHECKOUT, { id: 'pool', title: 'Pool exhaustion' })],
        { now: NOW },
      );
      expect(await moved()).toEqual(['runbooks']);
      await runbooks.recordValidation(`${CHECKOUT}/pool`, {
        at: NOW,
        incidentId: 'inc-1',
      });
      expect(await moved()).toEqual(['runbooks']);
      await runbooks.touchSources([CHECKOUT], NOW);
      expect(await moved()).toEqual([]);
      await runbooks.removeEntities([CHECKOUT]);
      expect(await moved()).toEqual(['runbooks']);

      await knex('schedules').insert(schedule('s-1', 'Checkout primary'));
      expect(await moved()).toEqual(['schedules']);
      await knex('schedule_overrides').insert({
        id: 'o-1',
        schedule_id: 's-1',
        user_ref: 'user:default/ana',
        starts_at: NOW,
        ends_at: NOW,
        created_by: 'user:default/ana',
        created_at: NOW,
      });
      expect(await moved()).toEqual(['schedules']);
      await knex('schedule_overrides').where({ id: 'o-1' }).delete();
      expect(await moved()).toEqual(['schedules']);
      await knex('schedules').where({ id: 's-1' }).update({ version: 2 });
      expect(await moved()).toEqual(['schedules']);
      await knex('schedules').where({ id: 's-1' }).delete();
      expect(await moved()).toEqual(['schedules']);

      await knex('slo_definitions').insert({
        entity_ref: CHECKOUT,
        location: './slos.yaml',
        definitions: '[]',
        problems: '[]',
        read_at: NOW,
      });
      expect(await moved()).toEqual(['slo_definitions']);

      // A write that rolls back leaves every stamp where it was.
      await expect(
        knex.transaction(async tx => {
          await tx('schedules').insert(schedule('s-2', 'Checkout secondary'));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await moved()).toEqual([]);

      // The statuses stamp moves when an evaluation is published.
      await raiseChangeStamp(knex, 'slo_statuses');
      expect(await moved()).toEqual(['slo_statuses']);
    },
  );

  it.each(databases.eachSupportedId())(
    'carry the SLO counters over from the table they replace, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // Every migration up to the one before.
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
      await knex('slo_change_stamps')
        .where({ name: 'definitions' })
        .update({ version: 7 });
      await knex('slo_change_stamps')
        .where({ name: 'statuses' })
        .update({ version: 9 });

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await readChangeStamp(knex, 'slo_definitions')).toBe(7);
      expect(await readChangeStamp(knex, 'slo_statuses')).toBe(9);
      expect(await knex.schema.hasTable('slo_change_stamps')).toBe(false);

      await raiseChangeStamp(knex, 'slo_statuses');
      await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
      expect(await knex.schema.hasTable('change_stamps')).toBe(false);
      const versions = await knex('slo_change_stamps')
        .orderBy('name')
        .pluck('version');
      expect(versions.map(Number)).toEqual([7, 10]);
      // No trigger is left to write to the dropped table.
      await knex('schedules').insert(schedule('s-1', 'Checkout primary'));
    },
  );
});

describe('StampedValue', () => {
  /** A load that finishes when told to, counting the loads. */
  function loads() {
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const load = (stamp: number) => () => {
      started.push(stamp);
      return new Promise<{ stamp: number }>(resolve => {
        finish.push(() => resolve({ stamp }));
      });
    };
    return { started, finish, load };
  }

  it('loads once per stamp, and makes callers meanwhile wait for it', async () => {
    const value = new StampedValue<{ stamp: number }>();
    const { started, finish, load } = loads();
    const first = value.get(1, load(1));
    const second = value.get(1, load(1));
    finish[0]();
    expect(await first).toEqual({ stamp: 1 });
    expect(await second).toEqual({ stamp: 1 });
    const third = value.get(2, load(2));
    const fourth = value.get(2, load(2));
    finish[1]();
    expect(await fourth).toEqual({ stamp: 2 });
    expect(await third).toEqual({ stamp: 2 });
    expect(started).toEqual([1, 2]);
  });

  it('with previousWhileLoading, answers the last value to callers while another loads the next, and the new one to the caller who loads it', async () => {
    const value = new StampedValue<{ stamp: number }>({
      previousWhileLoading: true,
    });
    const { started, finish, load } = loads();
    // Nothing loaded yet: everyone waits for the first value.
    const first = value.get(1, load(1));
    const alsoFirst = value.get(1, load(1));
    finish[0]();
    expect(await alsoFirst).toEqual({ stamp: 1 });
    expect(await first).toEqual({ stamp: 1 });

    const loader = value.get(2, load(2));
    expect(await value.get(2, load(2))).toEqual({ stamp: 1 });
    finish[1]();
    expect(await loader).toEqual({ stamp: 2 });
    expect(await value.get(2, load(2))).toEqual({ stamp: 2 });
    expect(started).toEqual([1, 2]);
  });
});
