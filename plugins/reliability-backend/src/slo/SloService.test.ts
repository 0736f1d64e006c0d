import { TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_ERROR_BUDGET_POLICY } from '@reliability-hub/plugin-reliability-common';
import { CallerVisibility } from '../access/EntityVisibility';
import { applyDatabaseMigrations } from '../database/migrations';
import { SloFileRefresher } from './files/SloFileRefresher';
import { SloService } from './SloService';
import { DatabaseSloStore } from './store/DatabaseSloStore';
import { evaluated, testDefinitions } from './__testUtils__/sloStore';

jest.setTimeout(60_000);

/** When set, the next turn given to the event loop waits for its release. */
let mockYieldGate: { entered: () => void; released: Promise<void> } | undefined;

jest.mock('../database/yieldToLoop', () => ({
  yieldToLoop: async () => {
    const gate = mockYieldGate;
    if (gate) {
      mockYieldGate = undefined;
      gate.entered();
      await gate.released;
    }
    await new Promise(resolve => setImmediate(resolve));
  },
}));

/**
 * Holds the next long piece of work (reading statuses, sorting) at its next
 * turn of the event loop until released.
 */
function holdNextYield() {
  let entered!: () => void;
  let release!: () => void;
  const reached = new Promise<void>(resolve => {
    entered = resolve;
  });
  mockYieldGate = {
    entered,
    released: new Promise<void>(resolve => {
      release = resolve;
    }),
  };
  return { reached, release };
}

/** A caller the policy lets see every entity but `hidden`, asked per entity. */
function callerHiding(hidden: string[]) {
  const asked: string[][] = [];
  const caller = {
    readsWholeCatalog: async () => false,
    refs: async (refs: Iterable<string>) => {
      asked.push([...refs]);
      return new Set([...refs].filter(ref => !hidden.includes(ref)));
    },
  } as unknown as CallerVisibility;
  return { caller, asked };
}

describe('SloService overview', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseSloStore.create({ knex });
      const service = SloService.create({
        store,
        refresher: {} as SloFileRefresher,
        tiers: DEFAULT_ERROR_BUDGET_POLICY,
      });
      // Evaluations and refreshes of another backend instance.
      const other = DatabaseSloStore.create({ knex });
      return { service, other };
    }

    it('shows the next evaluation in the next answer, and counts it', async () => {
      const { service, other } = await setup();
      const a = testDefinitions('component:default/a');
      const b = testDefinitions('component:default/b');
      await other.saveDefinitions(a);
      await other.saveDefinitions(b);
      const { caller } = callerHiding([]);
      const query = { limit: 2 };
      const pending = await service.overview(query, caller);
      expect(pending.totalItems).toBe(6);
      expect(pending.items.map(s => s.state)).toEqual(['pending', 'pending']);

      await other.writeEvaluations([
        ...evaluated(a, 0.5),
        ...evaluated(b, -0.1),
      ]);
      const after = await service.overview(query, caller);
      expect(after.items.map(s => [s.entityRef, s.state])).toEqual([
        ['component:default/b', 'ok'],
        ['component:default/b', 'ok'],
      ]);
      expect(after.counts).toMatchObject({ slos: 6, outOfBudget: 3 });

      const stateOk = await service.overview(
        { ...query, state: 'ok', owner: 'group:default/payments' },
        caller,
      );
      expect(stateOk.totalItems).toBe(6);
    });

    it('counts and lists only the entities the caller may see, asking about each entity once', async () => {
      const { service, other } = await setup();
      const a = testDefinitions('component:default/a');
      const b = testDefinitions('component:default/b');
      await other.saveDefinitions(a);
      await other.saveDefinitions(b);
      await other.writeEvaluations([
        ...evaluated(a, 0.5),
        ...evaluated(b, -0.1),
      ]);
      const { caller, asked } = callerHiding(['component:default/b']);
      const page = await service.overview({ limit: 100 }, caller);
      expect(page.totalItems).toBe(3);
      expect(page.counts).toEqual({
        slos: 3,
        paging: 0,
        ticketing: 0,
        outOfBudget: 0,
      });
      expect(new Set(page.items.map(s => s.entityRef))).toEqual(
        new Set(['component:default/a']),
      );
      expect(asked).toEqual([['component:default/a', 'component:default/b']]);
    });
    it('keeps its sorted overview after a refresh that found the same files, and sorts again after one that did not', async () => {
      const { service, other } = await setup();
      const a = testDefinitions('component:default/a');
      await other.saveDefinitions(a);
      const { caller } = callerHiding([]);
      const query = { limit: 10 };
      const first = await service.overview(query, caller);
      expect(first.totalItems).toBe(3);

      const later = new Date(Date.parse(a.readAt) + 600_000).toISOString();
      await other.touchDefinitions([
        { entityRef: a.entityRef, readAt: later, etags: { f: 'W/"2"' } },
      ]);
      const same = await service.overview(query, caller);
      // The very objects of the last sort: nothing was sorted again.
      expect(same.items).toHaveLength(3);
      same.items.forEach((slo, i) => expect(slo).toBe(first.items[i]));

      await other.saveDefinitions({
        ...a,
        contentHash: 'h2',
        slos: a.slos.slice(1),
        readAt: later,
      });
      const changed = await service.overview(query, caller);
      expect(changed.items.map(slo => slo.sloName)).toEqual(
        first.items
          .map(slo => slo.sloName)
          .filter(n => n !== a.slos[0].definition.name),
      );
    });

    it('answers the last overview to requests that arrive while the next is made, and the next to the request that makes it', async () => {
      const { service, other } = await setup();
      const a = testDefinitions('component:default/a');
      await other.saveDefinitions(a);
      const { caller } = callerHiding([]);
      const query = { limit: 10 };
      const states = async (
        page: Promise<{ items: Array<{ state: string }> }>,
      ) => (await page).items.map(slo => slo.state);
      expect(await states(service.overview(query, caller))).toEqual([
        'pending',
        'pending',
        'pending',
      ]);

      await other.writeEvaluations(evaluated(a, 0.5));
      // The request that finds the new evaluation first reads it, then
      // sorts; requests meanwhile answer from the last overview.
      const reading = holdNextYield();
      const first = states(service.overview(query, caller));
      await reading.reached;
      expect(await states(service.overview(query, caller))).toEqual([
        'pending',
        'pending',
        'pending',
      ]);
      const sorting = holdNextYield();
      reading.release();
      await sorting.reached;
      expect(await states(service.overview(query, caller))).toEqual([
        'pending',
        'pending',
        'pending',
      ]);
      sorting.release();
      expect(await first).toEqual(['ok', 'ok', 'ok']);
      // The next request after it gets the new one.
      expect(await states(service.overview(query, caller))).toEqual([
        'ok',
        'ok',
        'ok',
      ]);
    });
  });
});
