import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { DatabaseActionItemStore } from './DatabaseActionItemStore';

jest.setTimeout(60_000);

const COUNTS = '20261210020000_action_item_counts.js';
const CART = 'component:default/cart';
const LEDGER = 'component:default/ledger';
const TODAY = '2026-12-07';

let n = 0;
const item = (entityRef: string, status: string, postmortemId = 'pm-1') => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  postmortem_id: postmortemId,
  entity_ref: entityRef,
  title: `Item ${n}`,
  type: 'prevent',
  priority: 'P2',
  owner: 'group:default/team-checkout',
  status,
  created_at: new Date(),
  updated_at: new Date(),
});

const postmortem = (id: string) => ({
  id,
  entity_ref: CART,
  title: 'Cart outage',
  status: 'draft',
  author: 'user:default/lena.hoffmann',
  created_at: new Date(),
  updated_at: new Date(),
});

/** The summary's counts, and the same counted from the rows themselves. */
async function counts(knex: Knex, refs: string[]) {
  const { answer: summary } = await DatabaseActionItemStore.create({
    knex,
  }).getEntitySummary(refs, { today: TODAY, limit: 5 });
  const rows: Array<{ status: string }> = await knex('action_items')
    .whereIn('entity_ref', refs)
    .select('status');
  const of = (...statuses: string[]) =>
    rows.filter(row => statuses.includes(row.status)).length;
  const decided = of('open', 'in_progress', 'done');
  return {
    summary: {
      openCount: summary.openCount,
      completionRate: summary.completionRate,
    },
    rows: {
      openCount: of('open', 'in_progress'),
      completionRate: decided ? of('done') / decided : null,
    },
  };
}

describe('the action item counts', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'count the items there were before, follow every kind of write, and go down, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = migrationsDir;
      await knex.migrate.latest({ directory });
      await knex.migrate.down({ directory, name: COUNTS });

      await knex('postmortems').insert([
        postmortem('pm-1'),
        postmortem('pm-2'),
      ]);
      const [a, b, c] = [
        item(CART, 'open'),
        item(CART, 'open'),
        item(LEDGER, 'done'),
      ];
      await knex('action_items').insert([a, b, c]);
      await knex.migrate.up({ directory, name: COUNTS });

      const expectSame = async (openCart: number) => {
        for (const refs of [[CART], [LEDGER], [CART, LEDGER]]) {
          const { summary, rows } = await counts(knex, refs);
          expect([refs, summary]).toEqual([refs, rows]);
        }
        expect((await counts(knex, [CART])).summary.openCount).toBe(openCart);
      };
      await expectSame(2);

      await knex('action_items').insert([
        item(CART, 'in_progress'),
        item(CART, 'wont_do', 'pm-2'),
        item(LEDGER, 'open', 'pm-2'),
      ]);
      await expectSame(3);
      await knex('action_items').where('id', a.id).update({ status: 'done' });
      await expectSame(2);
      await knex('action_items')
        .where('id', b.id)
        .update({ entity_ref: LEDGER, title: 'Moved' });
      await expectSame(1);
      await knex('action_items').where('id', c.id).update({ title: 'Renamed' });
      await expectSame(1);
      await knex('action_items').where('postmortem_id', 'pm-2').delete();
      await expectSame(1);
      await knex('action_items').delete();
      await expectSame(0);

      await knex.migrate.down({ directory, name: COUNTS });
      expect(await knex.schema.hasTable('action_item_counts')).toBe(false);
      await knex('action_items').insert(item(CART, 'open'));
    },
  );
});
