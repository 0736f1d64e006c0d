import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../../database/migrations';
import { testRunbook } from '../__testUtils__/testRunbook';
import { DatabaseRunbookStore } from './DatabaseRunbookStore';
import { filterLibrary } from './libraryQuery';
import { IndexedRunbook } from './RunbookStore';
import { runbookSearchText, searchWords } from './searchText';

jest.setTimeout(60_000);

const TODAY = '2026-11-22';
const NOW = new Date('2026-11-22T12:00:00Z');
const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';

const step = (title: string, run: string) => ({
  id: title,
  title,
  commands: [{ run }],
  decisions: [],
});

const RUNBOOKS: IndexedRunbook[] = [
  testRunbook(CHECKOUT, {
    id: 'db-pool',
    title: 'Database connection pool exhaustion',
    alerts: ['CheckoutDBPoolSaturated'],
    tags: ['postgres'],
    steps: [step('Find holders', 'psql -c "select pid from pg_stat_activity"')],
  }),
  testRunbook(CHECKOUT, {
    id: 'rollback',
    title: 'Roll back a bad deployment',
    description: 'Say "NEAR" or OR or AND - (quoted) search_text: * ^ +1',
    steps: [step('Undo', 'kubectl -n checkout rollout undo deploy/checkout')],
  }),
  testRunbook(CHECKOUT, {
    id: 'ledger',
    title: 'Ledger 100% mismatch_report',
    description: 'Größe der Tabelle prüfen; Ωmega café. 日本語のテキスト',
  }),
  testRunbook(CART, {
    id: 'cart',
    title: 'Cart responses slow',
    description: 'Check the redis cache: redis-cli info memory | grep used',
    alerts: ['CartSlow'],
  }),
  testRunbook(CART, {
    id: 'db',
    title: 'db',
    description: 'a b c',
    verification: ['null\u0000byte'],
  }),
];

/** What the library's text search means: every word occurs in the text. */
function expectedIds(runbooks: IndexedRunbook[], q: string): string[] {
  const words = searchWords(q);
  return runbooks
    .filter(runbook => {
      const text = runbookSearchText(runbook);
      return words.every(word => text.includes(word));
    })
    .map(runbook => runbook.id)
    .sort();
}

const CASES = [
  'pg_stat_activity',
  'stat_act',
  'STAT_ACT',
  'pool',
  'postgres pool',
  'postgres deploy',
  'rollout undo',
  'undo rollout',
  'db',
  'db pool',
  'p',
  '_',
  '%',
  '100%',
  'h_report',
  'a b',
  'a b c',
  'zz',
  'redis-cli',
  '| grep',
  'größe',
  'GRÖSSE',
  'ωmega',
  'ΩMEGA',
  'café',
  '日本',
  '日本語',
  'テキスト',
  '"near"',
  'near',
  'NEAR',
  'or',
  'OR and',
  'search_text:',
  'search_text:pool',
  '(quoted)',
  '*',
  '^',
  '+1',
  '-',
  'nothing-here-at-all',
  'cartslow',
  'slow cart',
];

const HOSTILE = [
  '"',
  '""',
  '"pool',
  'pool"',
  '" OR "',
  'a"b"c',
  '*',
  'pool*',
  '^pool',
  'NEAR(pool rollback)',
  'NEAR',
  'pool OR rollback',
  'pool AND NOT rollback',
  '-pool',
  '(pool)',
  '((',
  ')',
  '{search_text}: pool',
  'search_text:pool',
  'runbook_search:pool',
  'rowid:1',
  "'; drop table runbooks; --",
  '\\',
  '%_\\',
  'a\u0000bc',
  'null\u0000byte',
  '\u0000',
  '🚀🚀🚀',
  'ab\u0301c',
  'x'.repeat(500),
  Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '),
];

describe('the runbook library text search', () => {
  const databases = TestDatabases.create();

  async function seeded(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = DatabaseRunbookStore.create({ knex });
    const state = (entityRef: string) => ({
      entityRef,
      location: './runbooks',
      problems: [],
      fileHashes: {},
    });
    await store.replaceEntityRunbooks(
      state(CHECKOUT),
      RUNBOOKS.filter(r => r.entityRef === CHECKOUT),
      { now: NOW },
    );
    await store.replaceEntityRunbooks(
      state(CART),
      RUNBOOKS.filter(r => r.entityRef === CART),
      { now: NOW },
    );
    return { knex, store, state };
  }

  const ids = async (store: DatabaseRunbookStore, q: string) => {
    const page = await store.searchLibrary({
      sort: 'title',
      limit: 50,
      today: TODAY,
      q,
    });
    expect(page.total).toBe(page.items.length);
    return page.items.map(item => item.id).sort();
  };

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('finds what a substring match of every word finds', async () => {
      const { store } = await seeded(databaseId);
      for (const q of CASES) {
        expect({ q, ids: await ids(store, q) }).toEqual({
          q,
          ids: expectedIds(RUNBOOKS, q),
        });
      }
    });

    it('answers hostile queries as plain text', async () => {
      const { store } = await seeded(databaseId);
      for (const q of HOSTILE) {
        expect({ q, ids: await ids(store, q) }).toEqual({
          q,
          ids: expectedIds(RUNBOOKS, q),
        });
      }
      // The databases read an unpaired surrogate as U+FFFD, JavaScript not.
      await expect(ids(store, '\ud800abc')).resolves.toEqual([]);
    });

    it('pages through what it finds, with the total on every page', async () => {
      const { store } = await seeded(databaseId);
      for (const q of ['check', 'check db', 'c']) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.searchLibrary({
            sort: 'title',
            limit: 1,
            today: TODAY,
            q,
            cursor,
          });
          expect(page.total).toBe(expectedIds(RUNBOOKS, q).length);
          seen.push(...page.items.map(item => item.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen.sort()).toEqual(expectedIds(RUNBOOKS, q));
      }
    });

    it('finds changed runbooks by their new text only, and removed ones no more', async () => {
      const { store, knex, state } = await seeded(databaseId);
      expect(await ids(store, 'stat_act')).toEqual([`${CHECKOUT}/db-pool`]);

      await store.replaceEntityRunbooks(
        state(CHECKOUT),
        [
          testRunbook(CHECKOUT, {
            id: 'db-pool',
            title: 'Database connection pool exhaustion',
            steps: [step('Find holders', 'select * from pg_locks')],
          }),
        ],
        { now: NOW },
      );
      expect(await ids(store, 'stat_act')).toEqual([]);
      expect(await ids(store, 'pg_locks')).toEqual([`${CHECKOUT}/db-pool`]);
      expect(await ids(store, 'rollout')).toEqual([]);

      // A direct change of the text is followed too.
      await knex('runbook_texts')
        .where('runbook_id', `${CART}/cart`)
        .update({ search_text: 'memcached eviction storm' });
      expect(await ids(store, 'eviction')).toEqual([`${CART}/cart`]);
      expect(await ids(store, 'redis')).toEqual([]);

      await store.removeEntities([CART]);
      expect(await ids(store, 'eviction')).toEqual([]);
      expect(await ids(store, 'pool')).toEqual([`${CHECKOUT}/db-pool`]);
    });
  });

  it('looks words of three characters or more up in the trigram index on SQLite', async () => {
    const { knex } = await seeded('SQLITE_3');
    const plan = await explainLibrarySearch(knex, 'stat_act db');
    expect(plan).toMatch(/runbook_search VIRTUAL TABLE/);
    await knex.destroy();
  });

  if (databases.supports('POSTGRES_15')) {
    it('indexes the text with pg_trgm on PostgreSQL, and the search uses it', async () => {
      const { knex, store } = await seeded('POSTGRES_15');
      const index = await knex('pg_indexes')
        .where({ tablename: 'runbook_texts' })
        .andWhere('indexdef', 'like', '%gin_trgm_ops%');
      expect(index).toHaveLength(1);
      await knex.transaction(async tx => {
        await tx.raw('SET LOCAL enable_seqscan = off');
        const sql = searchSql(tx, 'stat_act');
        const plan = await tx.raw(`EXPLAIN ${sql.sql}`, sql.bindings);
        expect(plan.rows.map((r: any) => r['QUERY PLAN']).join('\n')).toMatch(
          /runbook_texts_search_trgm_idx/,
        );
      });
      expect(await ids(store, 'stat_act')).toEqual([`${CHECKOUT}/db-pool`]);
    });

    it('migrates and searches without pg_trgm when the database user may not create it', async () => {
      const admin = await databases.init('POSTGRES_15');
      const role = `runbooks_limited_${process.pid}`;
      await admin.raw(`DROP ROLE IF EXISTS ${role}`);
      await admin.raw(`CREATE ROLE ${role} LOGIN`);
      await admin.raw(`GRANT CREATE ON SCHEMA public TO ${role}`);
      const limited = (require('knex') as typeof import('knex')).knex({
        client: 'pg',
        connection: admin.client.config.connection,
        pool: {
          min: 0,
          max: 1,
          afterCreate: (conn: any, done: any) =>
            conn.query(`SET ROLE ${role}`, (error: Error) => done(error, conn)),
        },
      });
      try {
        await applyDatabaseMigrations(limited);
        const extension = await admin('pg_extension').where({
          extname: 'pg_trgm',
        });
        expect(extension).toEqual([]);
        const store = DatabaseRunbookStore.create({ knex: limited });
        await store.replaceEntityRunbooks(
          {
            entityRef: CHECKOUT,
            location: './runbooks',
            problems: [],
            fileHashes: {},
          },
          RUNBOOKS.filter(r => r.entityRef === CHECKOUT),
          { now: NOW },
        );
        expect(await ids(store, 'stat_act')).toEqual([`${CHECKOUT}/db-pool`]);
      } finally {
        await limited.destroy();
        await admin.raw(`DROP OWNED BY ${role}`);
        await admin.raw(`DROP ROLE ${role}`);
        await admin.destroy();
      }
    });
  }
});

function searchSql(knex: Knex, q: string) {
  return filterLibrary(knex, knex('runbooks').select('runbooks.id'), {
    q,
    sort: 'title',
    limit: 20,
    today: TODAY,
  }).toSQL();
}

async function explainLibrarySearch(knex: Knex, q: string): Promise<string> {
  const sql = searchSql(knex, q);
  const rows = await knex.raw(`EXPLAIN QUERY PLAN ${sql.sql}`, sql.bindings);
  return rows.map((row: { detail: string }) => row.detail).join('\n');
}
