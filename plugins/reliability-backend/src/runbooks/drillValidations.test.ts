import { TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_SEVERITY_LEVELS,
  runbookPagePath,
} from '@reliability-hub/plugin-reliability-common';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { IncidentService } from '../incidents/IncidentService';
import { testRunbook } from './__testUtils__/testRunbook';
import {
  createDrillRunbookValidation,
  createRunbookLink,
} from './drillValidations';
import { DatabaseRunbookStore } from './store/DatabaseRunbookStore';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';
const BASE = 'https://portal.example';
const ACTOR = 'user:default/lena.hoffmann';
const WIKI = 'https://wiki.example/runbooks/failover';

const failover = testRunbook(CHECKOUT, {
  id: 'failover',
  title: 'Fail the database over',
});
const rollback = testRunbook(CHECKOUT, {
  id: 'rollback',
  title: 'Roll back a bad deployment',
});
const wikiLink = (entityRef: string) => ({
  id: `${entityRef}/link/1`,
  kind: 'link' as const,
  entityRef,
  title: 'Failover (wiki)',
  url: WIKI,
  alerts: [],
  tags: [],
  sourceLocation: WIKI,
});

describe('runbook validation in drills', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const runbooks = DatabaseRunbookStore.create({ knex });
      const state = (entityRef: string) => ({
        entityRef,
        location: './runbooks',
        problems: [],
        fileHashes: {},
      });
      const now = new Date();
      await runbooks.replaceEntityRunbooks(
        state(CHECKOUT),
        [failover, rollback, wikiLink(CHECKOUT)],
        { now },
      );
      await runbooks.replaceEntityRunbooks(state(CART), [wikiLink(CART)], {
        now,
      });
      const incidents = DatabaseIncidentStore.create({ knex });
      const service = IncidentService.create({
        store: incidents,
        severities: DEFAULT_SEVERITY_LEVELS,
        drillResolved: createDrillRunbookValidation({
          store: runbooks,
          appBaseUrl: BASE,
        }),
        runbookLink: createRunbookLink({ store: runbooks, appBaseUrl: BASE }),
      });
      /** Declares an incident that follows `runbookUrl`, then resolves it. */
      const run = async (drill: 'game_day' | undefined, runbookUrl: string) => {
        const created = await incidents.createIncident(
          {
            entityRef: CHECKOUT,
            title: 'Database primary lost',
            severity: 'SEV2',
            status: 'investigating',
            source: 'portal',
            startedAt: new Date(Date.now() - 60_000),
            runbookUrl,
            ...(drill && { drill }),
          },
          [],
          ACTOR,
        );
        return service.update(
          created,
          { version: created.version, status: 'resolved' },
          ACTOR,
        );
      };
      const today = new Date().toISOString().slice(0, 10);
      return { knex, runbooks, run, today, service };
    }

    it('marks the runbook a resolved drill followed validated on the day it was resolved, with the drill', async () => {
      const { runbooks, run, today } = await setup();
      const drill = await run(
        'game_day',
        `${BASE}${runbookPagePath(failover.id)}`,
      );
      expect(drill.drill).toBe('game_day');

      const validated = await runbooks.getRunbook(failover.id, today);
      expect(validated?.lastValidatedAt).toBe(drill.resolvedAt);
      expect(validated?.lastValidatedIncidentId).toBe(drill.id);
      const untouched = await runbooks.getRunbook(rollback.id, today);
      expect(untouched?.lastValidatedAt).toBeUndefined();
    });

    it('validates the runbook a drill was declared with, and takes only a runbook of its own component', async () => {
      const { runbooks, service, today } = await setup();
      const declared = await service.declare(
        {
          entityRef: CHECKOUT,
          title: 'Game day: roll back',
          severity: 'SEV3',
          drill: 'game_day',
          runbookId: rollback.id,
        },
        ACTOR,
        'portal',
      );
      expect(declared.runbookUrl).toBe(
        `${BASE}${runbookPagePath(rollback.id)}`,
      );
      const resolved = await service.update(
        declared,
        { version: declared.version, status: 'resolved' },
        ACTOR,
      );
      expect(
        (await runbooks.getRunbook(rollback.id, today))?.lastValidatedAt,
      ).toBe(resolved.resolvedAt);

      await expect(
        service.declare(
          {
            entityRef: CHECKOUT,
            title: 'Game day: their runbook',
            severity: 'SEV3',
            drill: 'tabletop',
            runbookId: `${CART}/link/1`,
          },
          ACTOR,
          'portal',
        ),
      ).rejects.toThrow(/^runbookId: .* has no runbook/);
    });

    it('validates nothing for a real incident', async () => {
      const { runbooks, run, today } = await setup();
      await run(undefined, `${BASE}${runbookPagePath(failover.id)}`);
      const runbook = await runbooks.getRunbook(failover.id, today);
      expect(runbook?.lastValidatedAt).toBeUndefined();
    });

    it("validates the component's own link-only runbook, not another team's with the same URL", async () => {
      const { runbooks, run, today } = await setup();
      await run('game_day', WIKI);
      const [own, theirs] = await Promise.all([
        runbooks.getRunbook(`${CHECKOUT}/link/1`, today),
        runbooks.getRunbook(`${CART}/link/1`, today),
      ]);
      expect(own?.lastValidatedAt).toEqual(expect.any(String));
      expect(theirs?.lastValidatedAt).toBeUndefined();
    });

    it('keeps the validation when the runbook is read again from its file', async () => {
      const { runbooks, run, today } = await setup();
      await run('game_day', `${BASE}${runbookPagePath(failover.id)}`);
      await runbooks.replaceEntityRunbooks(
        {
          entityRef: CHECKOUT,
          location: './runbooks',
          problems: [],
          fileHashes: {},
        },
        [failover, rollback],
        { now: new Date() },
      );
      const runbook = await runbooks.getRunbook(failover.id, today);
      expect(runbook?.lastValidatedAt).toEqual(expect.any(String));
    });

    it('filters the library by never validated and by validated over N days ago', async () => {
      const { knex, runbooks, run, today } = await setup();
      await run('game_day', `${BASE}${runbookPagePath(failover.id)}`);
      const search = (query: {
        validated?: 'never';
        validatedOverDays?: number;
      }) =>
        runbooks
          .searchLibrary({
            entityRefs: [CHECKOUT],
            sort: 'title',
            limit: 20,
            today,
            ...query,
          })
          .then(page => page.items.map(item => item.id));

      expect(await search({ validated: 'never' })).toEqual([
        `${CHECKOUT}/link/1`,
        rollback.id,
      ]);
      expect(await search({ validatedOverDays: 30 })).toEqual([]);

      // The drill was 45 days ago.
      await knex('runbook_validations')
        .where({ runbook_id: failover.id })
        .update({ validated_at: new Date(Date.now() - 45 * 86_400_000) });
      expect(await search({ validatedOverDays: 30 })).toEqual([failover.id]);
      expect(await search({ validatedOverDays: 60 })).toEqual([]);
      const page = await runbooks.searchLibrary({
        entityRefs: [CHECKOUT],
        sort: 'title',
        limit: 20,
        today,
        validatedOverDays: 30,
      });
      expect(page.total).toBe(1);
      expect(page.items[0].lastValidatedAt).toEqual(expect.any(String));
    });
  });
});
