import { auditorMock } from '../__testUtils__/auditorMock';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AlertmanagerWebhookService } from '../alertmanager/AlertmanagerWebhookService';
import { parseAlertmanagerPayload } from '../alertmanager/payload';
import {
  componentWithSelector,
  rawAlert,
  rawPayload,
} from '../alertmanager/testing';
import { applyDatabaseMigrations } from '../database/migrations';
import { createAlertRunbookLookup } from './alertRunbooks';
import { DatabaseRunbookStore } from './store/DatabaseRunbookStore';
import { testRunbook } from './__testUtils__/testRunbook';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';
const PAYMENTS_DB = 'component:default/payments-db';

/** A component with an owner and, optionally, an alert selector. */
function component(name: string, owner: string, selector?: string) {
  const entity = componentWithSelector(name, selector);
  return { ...entity, spec: { ...entity.spec, owner } };
}
const STARTS = '2026-11-22T10:00:00Z';

describe('runbooks linked on incidents opened from alerts', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseRunbookStore.create({ knex });
      const state = (entityRef: string) => ({
        entityRef,
        location: './runbooks',
        problems: [],
        fileHashes: {},
      });
      const now = new Date(STARTS);
      // cart's runbook names the alert too; checkout's own must win. Its
      // file claims team C as owner, but cart is team A's.
      await store.replaceEntityRunbooks(
        state(CART),
        [
          testRunbook(
            CART,
            {
              id: 'a-generic',
              title: 'A generic error-rate runbook',
              alerts: ['HighErrorRate'],
            },
            { owner: 'group:default/team-c' },
          ),
        ],
        { now },
      );
      // Team B's runbook, on another of team B's components.
      await store.replaceEntityRunbooks(
        state(PAYMENTS_DB),
        [
          testRunbook(PAYMENTS_DB, {
            id: 'payments-errors',
            title: 'Payments error rate',
            alerts: ['HighErrorRate'],
          }),
        ],
        { now },
      );
      await store.replaceEntityRunbooks(
        state(CHECKOUT),
        [
          testRunbook(CHECKOUT, {
            id: 'slo-violation-response',
            title: 'Checkout SLO violation response',
            alerts: ['HighErrorRate'],
          }),
        ],
        { now },
      );
      const catalog = catalogServiceMock({
        entities: [
          component('checkout', 'group:default/team-a', 'service=checkout'),
          component('cart', 'group:default/team-a'),
          component(
            'payments-api',
            'group:default/team-b',
            'service=payments-api',
          ),
          // The short form the catalog accepts for a group.
          component('payments-db', 'team-b'),
          component('search', 'group:default/team-c', 'service=search'),
        ],
      });
      const config = mockServices.rootConfig({
        data: { app: { baseUrl: 'https://portal.example/' } },
      });
      const service = AlertmanagerWebhookService.create({
        incidents: DatabaseIncidentStore.create({ knex }),
        auditor: auditorMock(),
        catalog,
        auth: mockServices.auth(),
        config,
        logger: mockServices.logger.mock(),
        now: () => new Date('2026-11-22T10:05:00Z'),
        runbooks: createAlertRunbookLookup({
          store,
          config,
          catalog,
          auth: mockServices.auth(),
        }),
      });
      const fire = (
        annotations: Record<string, string> = {},
        name = 'HighErrorRate',
        on = 'checkout',
      ) =>
        service.handle(
          parseAlertmanagerPayload(
            rawPayload([
              rawAlert({
                labels: { alertname: name, service: on },
                annotations,
                startsAt: STARTS,
              }),
            ]),
          ),
        );
      return { knex, fire };
    }

    it("links the entity's runbook that names the alert, on the incident and its timeline", async () => {
      const { knex, fire } = await setup();
      const result = await fire();
      const incident = await knex('incidents')
        .where({ id: result.incidents[0].id })
        .first();
      expect(incident.runbook_url).toBe(
        `https://portal.example/reliability/runbooks/${encodeURIComponent(
          `${CHECKOUT}/slo-violation-response`,
        )}`,
      );
      const notes = await knex('incident_events').where({
        incident_id: incident.id,
        type: 'note',
      });
      expect(notes.map(note => note.message)).toEqual([
        'Runbook for HighErrorRate: Checkout SLO violation response',
      ]);
    });

    it("keeps the alert's own runbook_url, and links nothing for alerts no runbook names", async () => {
      const { knex, fire } = await setup();
      const own = await fire({ runbook_url: 'https://wiki.example/rb' });
      expect(
        (await knex('incidents').where({ id: own.incidents[0].id }).first())
          .runbook_url,
      ).toBe('https://wiki.example/rb');

      const { knex: knex2, fire: fire2 } = await setup();
      const none = await fire2({}, 'DiskFull');
      expect(
        (await knex2('incidents').where({ id: none.incidents[0].id }).first())
          .runbook_url,
      ).toBeNull();
    });

    it("links a runbook of the owning team, never another team's", async () => {
      const { knex, fire } = await setup();
      const runbookOf = async (result: { incidents: Array<{ id: string }> }) =>
        (await knex('incidents').where({ id: result.incidents[0].id }).first())
          .runbook_url;

      // payments-api has no runbook of its own; team B's other component has.
      expect(
        await runbookOf(await fire({}, 'HighErrorRate', 'payments-api')),
      ).toBe(
        `https://portal.example/reliability/runbooks/${encodeURIComponent(
          `${PAYMENTS_DB}/payments-errors`,
        )}`,
      );
      // Team C has none; team A's, whatever owner its file names, is not C's.
      const search = await fire({}, 'HighErrorRate', 'search');
      expect(await runbookOf(search)).toBeNull();
      expect(
        await knex('incident_events').where({
          incident_id: search.incidents[0].id,
          type: 'note',
        }),
      ).toEqual([]);
    });
  });
});
