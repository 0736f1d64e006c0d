import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from './migrations';
import { VersionedRecords } from './versionedRecords';

jest.setTimeout(60_000);

interface Thing {
  id: string;
  name: string;
  ownerRef: string;
  version: number;
}

const things = VersionedRecords.create<Thing>({
  table: 'things',
  thing: 'Thing',
  resourceType: 'thing',
  fromRow: row => ({
    id: row.id,
    name: row.name,
    ownerRef: row.owner_ref,
    version: Number(row.version),
  }),
  entityRefOf: thing => thing.ownerRef,
});

describe('VersionedRecords', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      await knex.schema.createTable('things', table => {
        table.string('id').primary();
        table.string('name').notNullable();
        table.string('owner_ref').notNullable();
        table.timestamp('updated_at', { useTz: true }).notNullable();
        table.integer('version').notNullable();
      });
      const created = await things.create(
        knex,
        't1',
        { actor: 'user:default/lena' },
        (tx, now) =>
          tx('things').insert({
            id: 't1',
            name: 'first',
            owner_ref: 'group:default/team-a',
            updated_at: now,
            version: 1,
          }),
      );
      return { knex, created };
    }

    const rename = (knex: Knex, expectedVersion: number, name: string) =>
      things.update(
        knex,
        't1',
        { expectedVersion, actor: 'user:default/mia' },
        async () => ({ name }),
      );

    const history = async (knex: Knex) =>
      (await knex('audit_log').orderBy('id')).map(row => ({
        actor: row.actor,
        action: row.action,
        entityRef: row.entity_ref,
        before: JSON.parse(row.before),
        after: JSON.parse(row.after),
      }));

    it('bumps the version and records the record before and after', async () => {
      const { knex, created } = await setup();
      expect(created).toEqual({
        id: 't1',
        name: 'first',
        ownerRef: 'group:default/team-a',
        version: 1,
      });

      const renamed = await rename(knex, 1, 'second');

      expect(renamed).toMatchObject({ name: 'second', version: 2 });
      expect(await history(knex)).toEqual([
        {
          actor: 'user:default/lena',
          action: 'thing.create',
          entityRef: 'group:default/team-a',
          before: null,
          after: created,
        },
        {
          actor: 'user:default/mia',
          action: 'thing.update',
          entityRef: 'group:default/team-a',
          before: created,
          after: renamed,
        },
      ]);
    });

    it('refuses a stale version with 409, naming both versions, and changes nothing', async () => {
      const { knex } = await setup();
      await rename(knex, 1, 'second');

      await expect(rename(knex, 1, 'stale')).rejects.toMatchObject({
        name: 'ConflictError',
        message:
          'Thing t1 has changed since version 1 (it is at version 2); reload and try again',
      });
      expect(await things.read(knex, 't1')).toMatchObject({
        name: 'second',
        version: 2,
      });
      expect(await history(knex)).toHaveLength(2);
    });

    it('refuses a write when another one lands between its read and its update', async () => {
      const { knex } = await setup();
      const racing = things.update(
        knex,
        't1',
        { expectedVersion: 1, actor: 'user:default/mia' },
        async tx => {
          // The other writer's change, committed in between.
          await tx('things').where({ id: 't1' }).update({ version: 2 });
          return { name: 'lost' };
        },
      );

      await expect(racing).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('(it is at version 2)'),
      });
      expect(await things.read(knex, 't1')).toMatchObject({ name: 'first' });
    });

    it('refuses the later of two writers racing from one version before it writes anything of its own', async () => {
      const { knex } = await setup();
      // A side write numbered by the version it makes, as a revision is.
      await knex.schema.createTable('thing_revisions', table => {
        table.string('thing_id').notNullable();
        table.integer('version').notNullable();
        table.primary(['thing_id', 'version']);
      });
      // Each writer waits in its transaction for the other to get as far
      // (or half a second, where the other cannot), so both have read
      // version 1 when they write.
      let arrived = 0;
      let bothArrived!: () => void;
      const both = new Promise<void>(resolve => (bothArrived = resolve));
      const write = (name: string) =>
        things.update(
          knex,
          't1',
          { expectedVersion: 1, actor: 'user:default/mia' },
          async (tx, current) => {
            if (++arrived === 2) bothArrived();
            await Promise.race([
              both,
              new Promise(resolve => setTimeout(resolve, 500)),
            ]);
            await tx('thing_revisions').insert({
              thing_id: 't1',
              version: current.version + 1,
            });
            return { name };
          },
        );
      const results = await Promise.allSettled([write('left'), write('right')]);
      expect(results.map(r => r.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      const refused = results.find(r => r.status === 'rejected');
      expect((refused as PromiseRejectedResult).reason).toMatchObject({
        name: 'ConflictError',
      });
      expect(await knex('thing_revisions')).toHaveLength(1);
    });

    it('answers 404 for a record that does not exist', async () => {
      const { knex } = await setup();
      await expect(
        things.update(
          knex,
          'nope',
          { expectedVersion: 1, actor: 'user:default/mia' },
          async () => ({}),
        ),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: 'No thing with id nope',
      });
    });
  });
});
