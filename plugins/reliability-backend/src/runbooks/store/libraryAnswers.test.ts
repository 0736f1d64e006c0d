import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../../database/migrations';
import { testRunbook } from '../__testUtils__/testRunbook';
import { DatabaseRunbookStore } from './DatabaseRunbookStore';
import { IndexedRunbook, RunbookLibraryQuery } from './RunbookStore';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';
const TODAY = '2026-12-07';
const NOW = new Date('2026-12-07T12:00:00Z');

const state = (entityRef: string) => ({
  entityRef,
  location: './runbooks',
  problems: [],
  fileHashes: {},
});

/** Runbooks of an entity, each about the connection pool. */
const poolRunbooks = (entityRef: string, count: number): IndexedRunbook[] =>
  Array.from({ length: count }, (_, i) =>
    testRunbook(entityRef, {
      id: `pool-${i}`,
      title: `Pool exhaustion ${String(i).padStart(2, '0')}`,
      description: 'Requests queue for a database connection from the pool.',
    }),
  );

/** The reads that search the runbooks' texts, as the database gets them. */
function textSearches(knex: Knex) {
  const seen: string[] = [];
  knex.on('query', (data: { sql: string }) => {
    if (/^select.*(runbook_texts|runbook_search)/.test(data.sql)) {
      seen.push(data.sql);
    }
  });
  return seen;
}

describe('the runbook library answers', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('are read once per query and kept until a runbook changes on any backend instance', async () => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      // Two backend instances on one database.
      const reader = DatabaseRunbookStore.create({ knex });
      const writer = DatabaseRunbookStore.create({ knex });
      await writer.replaceEntityRunbooks(
        state(CHECKOUT),
        poolRunbooks(CHECKOUT, 30),
        { now: NOW },
      );
      await writer.replaceEntityRunbooks(state(CART), poolRunbooks(CART, 5), {
        now: NOW,
      });
      const search = (query: Partial<RunbookLibraryQuery>) =>
        reader.searchLibrary({
          q: 'pool',
          sort: 'title',
          limit: 20,
          today: TODAY,
          ...query,
        });
      const searches = textSearches(knex);

      const first = await search({});
      expect(first.total).toBe(35);
      expect(first.items).toHaveLength(20);
      expect(searches).toHaveLength(1);

      // Other pages, page sizes and callers' scopes come from the same list.
      const second = await search({ cursor: first.nextCursor });
      expect(second.items.map(item => item.title)).toEqual(
        [...Array(15).keys()].map(
          i => `Pool exhaustion ${String(i + 15).padStart(2, '0')}`,
        ),
      );
      expect(second.nextCursor).toBeUndefined();
      expect((await search({ excludeEntityRefs: [CHECKOUT] })).total).toBe(5);
      expect((await search({ entityRefs: [CHECKOUT], limit: 5 })).total).toBe(
        30,
      );
      expect(
        (
          await reader.libraryEntityRefs({
            q: 'pool',
            sort: 'title',
            limit: 1,
            today: TODAY,
          })
        ).sort(),
      ).toEqual([CART, CHECKOUT]);
      expect(searches).toHaveLength(1);

      // A change on the other instance shows on the next request.
      await writer.replaceEntityRunbooks(state(CART), poolRunbooks(CART, 7), {
        now: NOW,
      });
      expect((await search({})).total).toBe(37);
      expect(searches).toHaveLength(2);

      await writer.recordValidation(`${CART}/pool-0`, {
        at: NOW,
        incidentId: 'inc-1',
      });
      expect((await search({ validated: 'never' })).total).toBe(36);

      await writer.removeEntities([CHECKOUT]);
      const left = await search({});
      expect(left.total).toBe(7);
      expect(left.items.every(item => item.entityRef === CART)).toBe(true);
    });
  });
});
