import { TestDatabases } from '@backstage/backend-test-utils';
import { readChangeStamp } from '../../database/changeStamps';
import { applyDatabaseMigrations } from '../../database/migrations';
import { evaluated, testDefinitions } from '../__testUtils__/sloStore';
import { DatabaseSloStore } from './DatabaseSloStore';

jest.setTimeout(60_000);

describe('DatabaseSloStore', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    /** Two backend instances on one database. */
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      return {
        knex,
        reader: DatabaseSloStore.create({ knex }),
        writer: DatabaseSloStore.create({ knex }),
      };
    }

    it("sees another instance's definitions as soon as they are written, and reads nothing again until then", async () => {
      const { reader, writer } = await setup();
      expect(await reader.listDefinitions()).toEqual([]);

      await writer.saveDefinitions(testDefinitions('component:default/b'));
      await writer.saveDefinitions(testDefinitions('component:default/a'));
      const first = await reader.listDefinitions();
      expect(first.map(d => d.entityRef)).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      expect(await reader.listDefinitions()).toBe(first);

      await writer.saveDefinitions(
        testDefinitions('component:default/b', 'group:default/other'),
      );
      const second = await reader.listDefinitions();
      expect(second.map(d => d.owner)).toEqual([
        'group:default/payments',
        'group:default/other',
      ]);
      // The row not written since is kept as parsed.
      expect(second[0]).toBe(first[0]);

      // An entity page's definitions come from the same parsed rows.
      const some = await reader.listDefinitions([
        'component:default/b',
        'component:default/unknown',
      ]);
      expect(some).toEqual([second[1]]);
      expect(some[0]).toBe(second[1]);

      await writer.deleteDefinitions(['component:default/a']);
      expect((await reader.listDefinitions()).map(d => d.entityRef)).toEqual([
        'component:default/b',
      ]);
      expect(await reader.listDefinitions(['component:default/a'])).toEqual([]);
    });

    it('takes a refresh that found the same files without parsing them again', async () => {
      const { reader, writer } = await setup();
      const ref = 'component:default/a';
      await writer.saveDefinitions(testDefinitions(ref));
      const [first] = await reader.listDefinitions();

      // Read again later, unchanged (a new etag, the same content).
      const later = new Date(Date.parse(first.readAt!) + 600_000).toISOString();
      await writer.saveDefinitions({
        ...testDefinitions(ref),
        etags: { 'openslo.yaml': 'W/"2"' },
        readAt: later,
      });
      const [second] = await reader.listDefinitions();
      expect(second.readAt).toBe(later);
      expect(second.etags).toEqual({ 'openslo.yaml': 'W/"2"' });
      // What was parsed is kept, not read and parsed again.
      expect(second.slos).toBe(first.slos);

      // Changed files are parsed again.
      await writer.saveDefinitions({
        ...testDefinitions(ref),
        contentHash: 'h2',
        slos: first.slos.slice(0, 1),
        readAt: later,
      });
      const [third] = await reader.listDefinitions();
      expect(third.contentHash).toBe('h2');
      expect(third.slos).toHaveLength(1);
      expect(third.slos).not.toBe(first.slos);
    });

    it('takes the read times and etags of unchanged entities together, keeping what was parsed', async () => {
      const { knex, reader, writer } = await setup();
      const refs = ['component:default/a', 'component:default/b'];
      for (const ref of refs) {
        await writer.saveDefinitions(testDefinitions(ref));
      }
      const before = await reader.listDefinitions();
      const stamp = await readChangeStamp(knex, 'slo_definitions');

      const later = new Date(
        Date.parse(before[0].readAt) + 600_000,
      ).toISOString();
      await writer.touchDefinitions(
        refs.map(entityRef => ({
          entityRef,
          readAt: later,
          etags: { 'openslo.yaml': `W/"${entityRef}"` },
        })),
      );
      const after = await reader.listDefinitions();
      expect(after.map(d => [d.entityRef, d.readAt, d.etags])).toEqual(
        refs.map(ref => [ref, later, { 'openslo.yaml': `W/"${ref}"` }]),
      );
      after.forEach((d, i) => expect(d.slos).toBe(before[i].slos));
      expect(await readChangeStamp(knex, 'slo_definitions')).toBeGreaterThan(
        stamp,
      );
    });

    it("sees another instance's evaluation once it is written, all of it", async () => {
      const { reader, writer } = await setup();
      expect((await reader.listStatuses()).size).toBe(0);
      // More objectives than are read at once.
      const entities = Array.from({ length: 110 }, (_, i) =>
        testDefinitions(`component:default/c${String(i).padStart(3, '0')}`),
      );
      const statuses = entities.flatMap(d => evaluated(d, 0.5));
      expect(statuses.length).toBeGreaterThan(300);
      await writer.writeEvaluations(statuses);
      const latest = await reader.listStatuses();
      expect(latest.size).toBe(statuses.length);
      expect(latest.get(statuses[0].id)?.budget.remainingFraction).toBe(0.5);
      expect(await reader.listStatuses()).toBe(latest);

      await writer.writeEvaluations(evaluated(entities[0], 0.25));
      const next = await reader.listStatuses();
      expect(next.get(statuses[0].id)?.budget.remainingFraction).toBe(0.25);
      // An entity page's statuses: the entity's, as of the same evaluation.
      const own = await reader.listStatuses([entities[0].entityRef]);
      expect([...own.keys()].sort()).toEqual(
        statuses
          .filter(status => status.entityRef === entities[0].entityRef)
          .map(status => status.id)
          .sort(),
      );
      expect(own.get(statuses[0].id)).toBe(next.get(statuses[0].id));

      await writer.deleteDefinitions([entities[0].entityRef]);
      expect((await reader.listStatuses()).has(statuses[0].id)).toBe(false);
      expect((await reader.listStatuses([entities[0].entityRef])).size).toBe(0);
    });
  });
});
