import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { takeTurnsOnSqlite } from './turnsOnSqlite';

/**
 * Runs `count` queries at once, with other work waiting for the event loop
 * meanwhile; returns in which order they ran ('q' a query, 't' a turn of the
 * other work).
 */
async function interleaving(
  knex: Knex,
  count: number,
  sql = 'select ? as n',
): Promise<string> {
  await knex.raw('select 1');
  const order: string[] = [];
  let turns = 0;
  let done = false;
  const other = () => {
    if (done || turns++ > count * 4) return;
    order.push('t');
    setImmediate(other);
  };
  const queries = Array.from({ length: count }, (_, i) =>
    knex.raw(sql, sql.includes('?') ? [i] : []).then(() => order.push('q')),
  );
  setImmediate(other);
  await Promise.all(queries);
  done = true;
  return order.join('');
}

describe('takeTurnsOnSqlite', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('lets the rest of the backend run between waiting queries on SQLite', async () => {
    const knex = await databases.init('SQLITE_3');
    // Without it, the waiting queries run back to back in one turn.
    expect(await interleaving(knex, 20)).toMatch(/q{20}/);

    takeTurnsOnSqlite(knex, { sliceMs: 0 });
    takeTurnsOnSqlite(knex, { sliceMs: 0 });
    const order = await interleaving(knex, 20);
    expect(order.match(/q/g)).toHaveLength(20);
    expect(order).not.toMatch(/qq/);
  });

  it('lets queries run back to back while they hold the loop less than a slice', async () => {
    const knex = await databases.init('SQLITE_3');
    takeTurnsOnSqlite(knex, { sliceMs: 60_000 });
    expect(await interleaving(knex, 20)).toMatch(/q{20}/);
  });

  it('by default makes queries that hold the loop for long take turns', async () => {
    const knex = await databases.init('SQLITE_3');
    takeTurnsOnSqlite(knex);
    // Each of these takes several milliseconds.
    const slow =
      'with recursive c(x) as (select 1 union all select x + 1 from c where x < 100000) select count(*) from c';
    const order = await interleaving(knex, 8, slow);
    expect(order.match(/q/g)).toHaveLength(8);
    expect(order).not.toMatch(/qqq/);
  });

  it('keeps transactions and their queries working', async () => {
    const knex = await databases.init('SQLITE_3');
    takeTurnsOnSqlite(knex);
    await knex.schema.createTable('t', table => table.integer('n'));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        knex.transaction(async tx => {
          await tx('t').insert({ n: i });
          await tx('t').insert({ n: i + 100 });
        }),
      ),
    );
    await expect(
      knex.transaction(async tx => {
        await tx('t').insert({ n: -1 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const [{ count }] = await knex('t').count({ count: '*' });
    expect(Number(count)).toBe(20);
  });
});
