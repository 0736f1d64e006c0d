import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_ERROR_BUDGET_POLICY } from '@reliability-hub/plugin-reliability-common';
import { SliSourceRegistry } from '@reliability-hub/plugin-reliability-node';
import { Knex } from 'knex';
import { recordingNotifications } from '../../__testUtils__/recordingNotifications';
import { applyDatabaseMigrations } from '../../database/migrations';
import { ReliabilityNotifier } from '../../notifications/ReliabilityNotifier';
import { parseOpenSlo } from '../parse';
import { DatabaseSloStore } from '../store/DatabaseSloStore';
import { TEST_OPENSLO } from '../__testUtils__/sloFixtures';
import { PolicyTierChanges } from './PolicyTierChanges';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const ENTITY = 'component:default/payments';
const OWNER = 'group:default/payments-team';
const SLO_ID = `${ENTITY}/payments-prometheus/0`;
const NOW = new Date('2026-12-10T12:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

/** Good events out of 1000 for a 99 % target: 999 spends 10 %, 994 spends 60 %. */
const SPENDS = { normal: 999, slowdown: 994, exhausted: 980 };

describe('error-budget policy tier changes', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    /** What the Prometheus stand-in answers for the SLO window. */
    let good = SPENDS.normal;

    beforeEach(async () => {
      good = SPENDS.normal;
      knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseSloStore.create({ knex });
      const { slos } = parseOpenSlo(TEST_OPENSLO, 'openslo.yaml');
      await store.saveDefinitions({
        entityRef: ENTITY,
        location: 'url:https://git.example.com/openslo.yaml',
        owner: OWNER,
        contentHash: 'h',
        etags: {},
        slos: slos.map(definition => ({ definition, yaml: null })),
        problems: [],
        readAt: NOW.toISOString(),
      });
    });

    /** One replica's evaluator, telling through its own notifier. */
    function replica(
      sender: { send(n: any): Promise<void> },
      config: object = {},
    ) {
      const store = DatabaseSloStore.create({ knex });
      const sources = new SliSourceRegistry();
      sources.add({
        type: 'Prometheus',
        async query(queries) {
          return queries.map(q => ({
            key: q.key,
            windows: { slo: { good, total: 1000 } },
          }));
        },
      });
      const logger = mockServices.logger.mock();
      return SloEvaluator.create({
        store,
        sources,
        tiers: DEFAULT_ERROR_BUDGET_POLICY,
        timeoutMs: 5_000,
        logger,
        tierChanges: PolicyTierChanges.create({
          knex,
          logger,
          notifier: ReliabilityNotifier.create({
            knex,
            sender,
            config: mockServices.rootConfig({ data: config }),
          }),
        }),
      });
    }

    it('tells the owner group of each change once, linking to the SLO', async () => {
      const { sent, sender } = recordingNotifications();
      const evaluator = replica(sender);

      await evaluator.runCycle({ now: minutes(0) });
      expect(sent).toEqual([]);

      good = SPENDS.slowdown;
      await evaluator.runCycle({ now: minutes(1) });
      await evaluator.runCycle({ now: minutes(2) });
      expect(sent).toHaveLength(1);
      expect(sent[0].recipients.entityRef).toEqual([OWNER]);
      expect(sent[0].payload).toMatchObject({
        topic: 'policyTierChanged',
        severity: 'high',
        title:
          'Payments from Prometheus of component:default/payments: error-budget policy now "Deployment slowdown"',
        link: `/catalog/default/component/payments/slos?slo=${encodeURIComponent(
          SLO_ID,
        )}`,
      });
      expect(sent[0].payload.description).toContain(
        '60 % of the error budget is spent; the policy moved from "Normal operations" to "Deployment slowdown".',
      );

      // A restart: a new replica on the same database sends nothing again.
      await replica(sender).runCycle({ now: minutes(3) });
      expect(sent).toHaveLength(1);

      good = SPENDS.normal;
      await evaluator.runCycle({ now: minutes(4) });
      expect(sent).toHaveLength(2);
      expect(sent[1].payload).toMatchObject({
        severity: 'normal',
        title: expect.stringContaining('now "Normal operations"'),
      });
    });

    it('sends a change once when two replicas evaluate it at the same time', async () => {
      const { sent, sender } = recordingNotifications();
      const [one, two] = [replica(sender), replica(sender)];
      await one.runCycle({ now: minutes(0) });

      good = SPENDS.exhausted;
      await Promise.all([
        one.runCycle({ now: minutes(1) }),
        two.runCycle({ now: minutes(1) }),
      ]);
      await Promise.all([
        one.runCycle({ now: minutes(2) }),
        two.runCycle({ now: minutes(2) }),
      ]);
      expect(sent.map(n => n.payload.title)).toEqual([
        expect.stringContaining('now "Budget exhausted"'),
      ]);
    });

    it('tries a change again at the next evaluation when the send failed', async () => {
      const { sent, sender } = recordingNotifications();
      let down = true;
      const evaluator = replica({
        send: async n => {
          if (down) {
            throw new Error('notifications backend unavailable');
          }
          await sender.send(n);
        },
      });
      await evaluator.runCycle({ now: minutes(0) });
      good = SPENDS.slowdown;
      await evaluator.runCycle({ now: minutes(1) });
      expect(sent).toEqual([]);

      down = false;
      await evaluator.runCycle({ now: minutes(2) });
      await evaluator.runCycle({ now: minutes(3) });
      expect(sent.map(n => n.payload.title)).toEqual([
        expect.stringContaining('now "Deployment slowdown"'),
      ]);
    });

    it('tells nobody when the kind is switched off', async () => {
      const { sent, sender } = recordingNotifications();
      const evaluator = replica(sender, {
        reliability: { notifications: { kinds: { policyTierChanged: false } } },
      });
      await evaluator.runCycle({ now: minutes(0) });
      good = SPENDS.slowdown;
      await evaluator.runCycle({ now: minutes(1) });
      expect(sent).toEqual([]);

      // Another replica with the kind on tells of the next change only.
      good = SPENDS.normal;
      await replica(sender).runCycle({ now: minutes(2) });
      expect(sent.map(n => n.payload.title)).toEqual([
        expect.stringContaining('now "Normal operations"'),
      ]);
    });
  });
});
