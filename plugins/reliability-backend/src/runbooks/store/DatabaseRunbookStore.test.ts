import { TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../../database/migrations';
import { testRunbook } from '../__testUtils__/testRunbook';
import { DatabaseRunbookStore } from './DatabaseRunbookStore';
import { RunbookLibraryQuery } from './RunbookStore';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';
const LEDGER = 'component:default/ledger';
const TODAY = '2026-11-22';
const NOW = new Date('2026-11-22T12:00:00Z');

const pool = testRunbook(CHECKOUT, {
  id: 'db-pool',
  title: 'Database connection pool exhaustion',
  description: 'Requests queue for a PostgreSQL connection.',
  severity: 'SEV2',
  alerts: ['CheckoutDBPoolSaturated'],
  tags: ['database', 'postgres'],
  lastReviewed: '2026-10-20',
  steps: [
    {
      id: '1',
      title: 'Find queries holding connections',
      commands: [{ run: 'psql "$DB" -c "select pid from pg_stat_activity"' }],
      decisions: [],
    },
  ],
});
const rollback = testRunbook(CHECKOUT, {
  id: 'rollback',
  title: 'Roll back a bad deployment',
  severity: 'SEV1',
  alerts: ['CheckoutHighErrorRate'],
  tags: ['deploy'],
  lastReviewed: '2026-11-10',
  steps: [
    {
      id: '1',
      title: 'Undo',
      commands: [{ run: 'kubectl -n checkout rollout undo deploy/checkout' }],
      decisions: [],
    },
  ],
});
const cartSlow = testRunbook(
  CART,
  {
    id: 'cart-slow',
    title: 'cart responses slow',
    severity: 'SEV3',
    alerts: ['CartSlow', 'CheckoutHighErrorRate'],
    tags: ['redis'],
    // due 2026-07-13: stale
    lastReviewed: '2026-04-14',
  },
  { owner: 'group:default/team-cart' },
);
const ledgerNeverReviewed = testRunbook(
  LEDGER,
  { id: 'reconcile', title: 'Ledger reconciliation 100% mismatch' },
  { owner: 'group:default/team-payments', system: 'system:default/payments' },
);
const link = {
  id: `${CHECKOUT}/link/1`,
  kind: 'link' as const,
  entityRef: CHECKOUT,
  title: 'Disable a payment method',
  url: 'https://wiki.example/runbooks/disable-payment-method',
  alerts: [],
  tags: [],
  owner: 'group:default/team-checkout',
  system: 'system:default/storefront',
  sourceLocation: 'https://wiki.example/runbooks/disable-payment-method',
};

describe('DatabaseRunbookStore', () => {
  const databases = TestDatabases.create();

  async function seededStore(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = DatabaseRunbookStore.create({ knex });
    const state = (entityRef: string) => ({
      entityRef,
      location: './runbooks',
      problems: [],
      fileHashes: {},
    });
    await store.replaceEntityRunbooks(state(CHECKOUT), [pool, rollback, link], {
      now: NOW,
    });
    await store.replaceEntityRunbooks(state(CART), [cartSlow], { now: NOW });
    await store.replaceEntityRunbooks(state(LEDGER), [ledgerNeverReviewed], {
      now: NOW,
    });
    return { knex, store };
  }

  const search = (
    store: DatabaseRunbookStore,
    query: Partial<RunbookLibraryQuery>,
  ) =>
    store.searchLibrary({ sort: 'title', limit: 20, today: TODAY, ...query });
  const titles = (page: { items: Array<{ title: string }> }) =>
    page.items.map(item => item.title);

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('names the entities a library query finds, and leaves out those excluded, also from the total', async () => {
      const { store } = await seededStore(databaseId);
      expect(
        (
          await store.libraryEntityRefs({
            sort: 'title',
            limit: 1,
            today: TODAY,
          })
        ).sort(),
      ).toEqual([CART, CHECKOUT, LEDGER]);
      expect(
        (
          await store.libraryEntityRefs({
            q: 'checkouthigherrorrate',
            sort: 'title',
            limit: 1,
            today: TODAY,
          })
        ).sort(),
      ).toEqual([CART, CHECKOUT]);

      const first = await search(store, {
        excludeEntityRefs: [LEDGER, CART],
        limit: 2,
      });
      expect(first).toMatchObject({ total: 3 });
      expect(titles(first)).toEqual([
        'Database connection pool exhaustion',
        'Disable a payment method',
      ]);
      const rest = await search(store, {
        excludeEntityRefs: [LEDGER, CART],
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(titles(rest)).toEqual(['Roll back a bad deployment']);
      expect(rest.nextCursor).toBeUndefined();
    });

    it('finds a runbook by a command fragment, an alert name or words in any order', async () => {
      const { store } = await seededStore(databaseId);
      expect(titles(await search(store, { q: 'pg_stat_activity' }))).toEqual([
        'Database connection pool exhaustion',
      ]);
      expect(titles(await search(store, { q: 'rollout UNDO' }))).toEqual([
        'Roll back a bad deployment',
      ]);
      expect(
        titles(await search(store, { q: 'checkouthigherrorrate' })),
      ).toEqual(['cart responses slow', 'Roll back a bad deployment']);
      // Every word must occur, anywhere.
      expect(titles(await search(store, { q: 'postgres pool' }))).toEqual([
        'Database connection pool exhaustion',
      ]);
      expect(titles(await search(store, { q: 'postgres deploy' }))).toEqual([]);
      // LIKE wildcards in the query are taken literally.
      expect(titles(await search(store, { q: '100%' }))).toEqual([
        'Ledger reconciliation 100% mismatch',
      ]);
      expect(titles(await search(store, { q: '_' }))).toEqual([
        'Database connection pool exhaustion',
      ]);
    });

    it('combines filters and counts the matches', async () => {
      const { store } = await seededStore(databaseId);
      const both = await search(store, { alert: 'CheckoutHighErrorRate' });
      expect(both.total).toBe(2);
      expect(
        titles(
          await search(store, {
            alert: 'checkouthigherrorrate',
            owner: 'group:default/team-checkout',
          }),
        ),
      ).toEqual(['Roll back a bad deployment']);
      expect(
        titles(await search(store, { severity: 'SEV2', tag: 'POSTGRES' })),
      ).toEqual(['Database connection pool exhaustion']);
      expect(
        titles(await search(store, { severity: 'SEV1', tag: 'postgres' })),
      ).toEqual([]);
      expect(
        titles(await search(store, { system: 'system:default/payments' })),
      ).toEqual(['Ledger reconciliation 100% mismatch']);
      expect(
        titles(
          await search(store, { q: 'kubectl', entityRefs: [CART, LEDGER] }),
        ),
      ).toEqual([]);
    });

    it('judges staleness against today: overdue and never-reviewed runbooks are stale, links never', async () => {
      const { store } = await seededStore(databaseId);
      const stale = await search(store, { stale: true });
      expect(titles(stale)).toEqual([
        'cart responses slow',
        'Ledger reconciliation 100% mismatch',
      ]);
      expect(stale.items.every(item => item.stale)).toBe(true);
      expect(titles(await search(store, { stale: false }))).toEqual([
        'Database connection pool exhaustion',
        'Disable a payment method',
        'Roll back a bad deployment',
      ]);
      // A year later the reviewed ones are overdue too.
      expect(
        (await search(store, { stale: true, today: '2027-11-22' })).total,
      ).toBe(4);
    });

    it('pages with a cursor, by title or by last review (never reviewed first)', async () => {
      const { store } = await seededStore(databaseId);
      const first = await search(store, { limit: 2 });
      expect(first.total).toBe(5);
      expect(titles(first)).toEqual([
        'cart responses slow',
        'Database connection pool exhaustion',
      ]);
      const second = await search(store, {
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(titles(second)).toEqual([
        'Disable a payment method',
        'Ledger reconciliation 100% mismatch',
      ]);
      const third = await search(store, {
        limit: 2,
        cursor: second.nextCursor,
      });
      expect(titles(third)).toEqual(['Roll back a bad deployment']);
      expect(third.nextCursor).toBeUndefined();

      const byReview = await search(store, { sort: 'lastReviewed', limit: 10 });
      expect(byReview.items.map(item => item.lastReviewed ?? null)).toEqual([
        null,
        null,
        '2026-04-14',
        '2026-10-20',
        '2026-11-10',
      ]);
      await expect(search(store, { cursor: 'nonsense' })).rejects.toThrow(
        /Invalid cursor/,
      );
    });

    it('answers one runbook with its steps, and runbooks by alert', async () => {
      const { store } = await seededStore(databaseId);
      const detail = await store.getRunbook(`${CHECKOUT}/db-pool`, TODAY);
      expect(detail).toMatchObject({
        kind: 'structured',
        entityRef: CHECKOUT,
        reviewDue: '2027-01-18',
        stale: false,
        runbook: { steps: [{ title: 'Find queries holding connections' }] },
      });
      expect(await store.getRunbook('component:default/nope/x', TODAY)).toBe(
        undefined,
      );
      const found = await store.findByAlert('CheckoutHighErrorRate', TODAY);
      expect(found.map(r => r.id).sort()).toEqual([
        `${CART}/cart-slow`,
        `${CHECKOUT}/rollback`,
      ]);
    });

    it("replaces an entity's runbooks atomically, recording who asked, and forgets removed entities", async () => {
      const { knex, store } = await seededStore(databaseId);
      await store.replaceEntityRunbooks(
        {
          entityRef: CHECKOUT,
          location: './runbooks',
          problems: [
            {
              file: 'runbooks/bad.yaml',
              documentIndex: 0,
              field: 'steps[0].title',
              message: 'must not be empty',
            },
          ],
          fileHashes: { 'runbooks/rollback.yaml': 'abc' },
        },
        [rollback],
        { now: NOW, actor: 'user:default/lena.hoffmann' },
      );
      expect(
        (await store.listEntityRunbooks([CHECKOUT], TODAY)).map(r => r.id),
      ).toEqual([`${CHECKOUT}/rollback`]);
      expect(await search(store, { tag: 'postgres' })).toMatchObject({
        total: 0,
      });
      expect(await store.getSource(CHECKOUT)).toMatchObject({
        problems: [{ field: 'steps[0].title' }],
        fileHashes: { 'runbooks/rollback.yaml': 'abc' },
      });
      const audit = await knex('audit_log').where({
        action: 'runbooks.refresh',
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: 'user:default/lena.hoffmann',
        entity_ref: CHECKOUT,
      });

      await store.removeEntities([CART]);
      expect(await store.listSourceEntityRefs()).toEqual([CHECKOUT, LEDGER]);
      expect(await store.findByAlert('CartSlow', TODAY)).toEqual([]);
      expect(await knex('runbook_alerts').where('alert', 'cartslow')).toEqual(
        [],
      );
    });
  });
});
