import { TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir } from '../database/migrations';
import { readSummaryStamps } from './summaryStamps';

jest.setTimeout(60_000);

const STAMPS = '20261211010000_entity_summary_stamps.js';
const CART = 'component:default/cart';
const LEDGER = 'component:default/ledger';
const ENTITIES = [CART, LEDGER];

const incident = (id: string, entityRef: string) => ({
  id,
  entity_ref: entityRef,
  title: `Incident ${id}`,
  severity: 'SEV2',
  status: 'investigating',
  source: 'portal',
  started_at: new Date(),
  created_at: new Date(),
  updated_at: new Date(),
});

describe('the entity summary stamps', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'move for the entities each kind of write touches, and go down, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      let last = await readSummaryStamps(knex, ENTITIES);
      expect(last).toEqual([0, 0]);
      /** The entities whose stamp moved since the last call. */
      const moved = async () => {
        const next = await readSummaryStamps(knex, ENTITIES);
        const entities = ENTITIES.filter((_, i) => next[i] !== last[i]);
        last = next;
        return entities;
      };

      await knex('incidents').insert(incident('inc-1', CART));
      expect(await moved()).toEqual([CART]);
      await knex('incidents').insert(incident('inc-2', LEDGER));
      expect(await moved()).toEqual([LEDGER]);
      await knex('incidents')
        .where({ id: 'inc-1' })
        .update({ status: 'resolved' });
      expect(await moved()).toEqual([CART]);
      await knex('incidents')
        .where({ id: 'inc-2' })
        .update({ entity_ref: CART });
      expect(await moved()).toEqual([CART, LEDGER]);

      await knex('incident_events').insert({
        id: 'ev-1',
        incident_id: 'inc-1',
        type: 'status_update',
        at: new Date(),
        message: 'Raising the pool',
      });
      expect(await moved()).toEqual([CART]);

      // A postmortem filed under the ledger covering the cart's incident:
      // the cart's postmortems due change with its links and its status.
      await knex('postmortems').insert({
        id: 'pm-1',
        entity_ref: LEDGER,
        title: 'Cart outage',
        status: 'draft',
        author: 'user:default/lena.hoffmann',
        created_at: new Date(),
        updated_at: new Date(),
      });
      expect(await moved()).toEqual([]);
      await knex('postmortem_incidents').insert({
        postmortem_id: 'pm-1',
        incident_id: 'inc-1',
      });
      expect(await moved()).toEqual([CART]);
      await knex('postmortems')
        .where({ id: 'pm-1' })
        .update({ title: 'Cart outage, again' });
      expect(await moved()).toEqual([]);
      await knex('postmortems')
        .where({ id: 'pm-1' })
        .update({ status: 'published', published_at: new Date() });
      expect(await moved()).toEqual([CART]);

      await knex('action_items').insert({
        id: 'ai-1',
        postmortem_id: 'pm-1',
        entity_ref: LEDGER,
        title: 'Alert on pool saturation',
        type: 'detect',
        priority: 'P2',
        owner: 'group:default/team-checkout',
        status: 'open',
        created_at: new Date(),
        updated_at: new Date(),
      });
      expect(await moved()).toEqual([LEDGER]);
      await knex('action_items')
        .where({ id: 'ai-1' })
        .update({ status: 'done' });
      expect(await moved()).toEqual([LEDGER]);

      // Removing the postmortem removes its links and action items with it.
      await knex('postmortems').where({ id: 'pm-1' }).delete();
      expect(await knex('action_items').pluck('id')).toEqual([]);
      expect(await moved()).toEqual([CART, LEDGER]);

      await knex('incidents').where({ id: 'inc-2' }).delete();
      expect(await moved()).toEqual([CART]);

      await knex.migrate.down({ directory: migrationsDir, name: STAMPS });
      expect(await knex.schema.hasTable('entity_summary_stamps')).toBe(false);
      await knex('incidents').insert(incident('inc-3', CART));
      await knex('incident_events').insert({
        id: 'ev-2',
        incident_id: 'inc-3',
        type: 'note',
        at: new Date(),
        message: 'Still writable',
      });
      await knex('postmortems').insert({
        id: 'pm-2',
        entity_ref: CART,
        title: 'Cart outage',
        status: 'draft',
        author: 'user:default/lena.hoffmann',
        created_at: new Date(),
        updated_at: new Date(),
      });
      await knex('postmortem_incidents').insert({
        postmortem_id: 'pm-2',
        incident_id: 'inc-3',
      });
      await knex('postmortems')
        .where({ id: 'pm-2' })
        .update({ status: 'published' });
    },
  );
});
