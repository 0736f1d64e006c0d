import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_SEVERITY_LEVELS } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { ReliabilityNotifier } from '../../notifications/ReliabilityNotifier';
import {
  checkoutSchedule,
  JONAS,
  LENA,
  PRIYA,
  sreSchedule,
} from '../../oncall/__testUtils__/testSchedules';
import { DatabaseScheduleStore } from '../../oncall/DatabaseScheduleStore';
import { ScheduleService } from '../../oncall/ScheduleService';
import {
  ADMIN,
  apiClient,
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  startReliabilityBackend,
} from '../../tests/__testUtils__/testBackend';
import { DatabaseIncidentStore } from '../DatabaseIncidentStore';
import { IncidentAnnouncer } from './IncidentAnnouncer';
import { IncidentEscalationService } from './IncidentEscalationService';
import { recordingNotifications } from '../../__testUtils__/recordingNotifications';

jest.setTimeout(60_000);

const MIN = 60_000;
const CART = 'component:default/cart';

/**
 * The escalation job of one replica, on the shared database: its own
 * services, as another backend process would have them.
 */
function replica(knex: Knex, sender: { send(n: any): Promise<void> }) {
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'cart' },
        spec: { type: 'service', owner: OWNER_GROUP },
        relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
      },
    ],
  });
  const auth = mockServices.auth();
  const logger = mockServices.logger.mock();
  return IncidentEscalationService.create({
    store: DatabaseIncidentStore.create({ knex }),
    schedules: ScheduleService.create({
      store: DatabaseScheduleStore.create({ knex }),
      catalog,
      auth,
    }),
    severities: DEFAULT_SEVERITY_LEVELS,
    announcer: IncidentAnnouncer.create({
      notifier: ReliabilityNotifier.create({
        knex,
        sender,
        config: mockServices.rootConfig(),
      }),
      catalog,
      auth,
      logger,
    }),
    logger,
  });
}

describe('incident escalation', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const notifications = recordingNotifications();
      const { server } = await startReliabilityBackend({
        knex,
        features: [notifications.factory],
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'sre' },
            spec: { type: 'team', children: [] },
          },
        ],
      });
      const api = apiClient(server);
      expect(
        (await api('post', '/schedules', OWNER).send(checkoutSchedule()))
          .status,
      ).toBe(201);
      expect(
        (await api('post', '/schedules', ADMIN).send(sreSchedule())).status,
      ).toBe(201);
      return { knex, api, ...notifications };
    }

    async function declareSev1(
      api: ReturnType<typeof apiClient>,
      detectedMinutesAgo: number,
    ) {
      const now = Date.now();
      const res = await api('post', '/incidents', OWNER).send({
        entityRef: CART,
        title: 'Cart answers 503',
        severity: 'SEV1',
        startedAt: new Date(now - (detectedMinutesAgo + 1) * MIN).toISOString(),
        detectedAt: new Date(now - detectedMinutesAgo * MIN).toISOString(),
      });
      expect(res.status).toBe(201);
      return res.body;
    }

    it('shows the chain of the component’s schedules and tells level 1 and the owner group of a declaration', async () => {
      const { api, sent } = await setup();
      const incident = await declareSev1(api, 1);

      const detail = await api('get', `/incidents/${incident.id}`, OWNER);
      expect(detail.status).toBe(200);
      const { escalation } = detail.body;
      expect(escalation.level).toBe(1);
      expect(escalation.levels.map((l: any) => l.engaged)).toEqual([
        true,
        false,
        false,
      ]);
      const [first] = escalation.levels[0].people;
      expect([LENA, JONAS]).toContain(first.userRef);
      expect(first.schedule).toBe('checkout-main');
      expect(escalation.levels[1].people).toEqual([
        { userRef: PRIYA, schedule: 'sre-daily' },
      ]);
      expect(escalation.levels[2].people).toEqual([
        { userRef: PRIYA, schedule: null },
      ]);
      expect(Date.parse(escalation.nextEscalationAt)).toBe(
        Date.parse(incident.detectedAt) + 5 * MIN,
      );

      expect(sent).toHaveLength(1);
      expect(sent[0].recipients.entityRef).toEqual([
        first.userRef,
        OWNER_GROUP,
      ]);
      expect(sent[0].payload).toMatchObject({
        title: `${incident.humanId} (SEV1) declared: Cart answers 503`,
        // The component by its title or name, not its ref.
        description:
          'A SEV1 incident was declared on cart. Acknowledge it on its page if you are taking it.',
        link: `/catalog/default/component/cart/incidents/${incident.humanId}`,
        severity: 'critical',
        topic: 'incidentDeclared',
      });
    });

    it('pages for a drill as for a real incident, saying DRILL and never as critical', async () => {
      const { api, sent } = await setup();
      const res = await api('post', '/incidents', OWNER).send({
        entityRef: CART,
        title: 'Game day: cart loses Redis',
        severity: 'SEV1',
        drill: 'game_day',
      });
      expect(res.status).toBe(201);
      expect(sent).toHaveLength(1);
      expect(sent[0].payload).toMatchObject({
        title: `DRILL ${res.body.humanId} (SEV1) declared: Game day: cart loses Redis`,
        severity: 'normal',
        topic: 'incidentDeclared',
      });
    });

    it('escalates by itself once per level while nobody acknowledges, however many replicas run the job', async () => {
      const { knex, api, sent, sender } = await setup();
      const incident = await declareSev1(api, 6);
      sent.length = 0;
      const replicas = [replica(knex, sender), replica(knex, sender)];

      const now = new Date();
      const runs = await Promise.all(replicas.map(r => r.escalateOverdue(now)));
      expect(runs.sort()).toEqual([0, 1]);
      // Level 3 is due 15 min after detection: not yet.
      expect(await replicas[0].escalateOverdue(now)).toBe(0);

      let detail = (await api('get', `/incidents/${incident.id}`, OWNER)).body;
      expect(detail.escalationLevel).toBe(2);
      expect(detail.escalation.level).toBe(2);
      const escalated = detail.timeline.filter(
        (e: any) => e.type === 'escalated',
      );
      expect(escalated).toEqual([
        expect.objectContaining({
          author: 'escalation-policy',
          message: 'Escalated to level 2 (not acknowledged within 5 min)',
          data: { level: 2, people: [PRIYA] },
        }),
      ]);
      const escalations = sent.filter(
        n => n.payload.topic === 'incidentEscalated',
      );
      expect(escalations).toHaveLength(1);
      expect(escalations[0].recipients.entityRef).toEqual([PRIYA, OWNER_GROUP]);
      // Nobody commands it: the owner group hears the acknowledge target passed, once.
      const overdue = sent.filter(
        n => n.payload.topic === 'acknowledgeOverdue',
      );
      expect(overdue).toHaveLength(1);
      expect(overdue[0].recipients.entityRef).toEqual([OWNER_GROUP]);

      const later = new Date(now.getTime() + 10 * MIN);
      expect(await replicas[1].escalateOverdue(later)).toBe(1);
      // At the last level nothing more happens.
      expect(
        await replicas[0].escalateOverdue(new Date(later.getTime() + 60 * MIN)),
      ).toBe(0);
      detail = (await api('get', `/incidents/${incident.id}`, OWNER)).body;
      expect(detail.escalation).toMatchObject({
        level: 3,
        nextEscalationAt: null,
      });

      const manual = await api(
        'post',
        `/incidents/${incident.id}/escalate`,
        OWNER,
      ).send({
        version: detail.version,
      });
      expect(manual.status).toBe(409);
      expect(manual.body.error.message).toBe(
        `Incident ${incident.humanId} is already at the last escalation level (3)`,
      );
    });

    it('stops escalating once acknowledged', async () => {
      const { knex, api, sender } = await setup();
      const incident = await declareSev1(api, 6);
      const ack = await api(
        'post',
        `/incidents/${incident.id}/acknowledge`,
        OWNER,
      ).send({
        version: incident.version,
      });
      expect(ack.status).toBe(200);
      expect(await replica(knex, sender).escalateOverdue(new Date())).toBe(0);
      const detail = (await api('get', `/incidents/${incident.id}`, OWNER))
        .body;
      expect(detail.escalation).toMatchObject({
        level: 1,
        nextEscalationAt: null,
      });
    });

    it('lets the owners escalate by hand, audited, and tells others why not', async () => {
      const { knex, api, sent } = await setup();
      const incident = await declareSev1(api, 0);

      const refused = await api(
        'post',
        `/incidents/${incident.id}/escalate`,
        NON_OWNER,
      ).send({
        version: incident.version,
      });
      expect(refused.status).toBe(403);
      const stale = await api(
        'post',
        `/incidents/${incident.id}/escalate`,
        OWNER,
      ).send({
        version: incident.version + 1,
      });
      expect(stale.status).toBe(409);
      const bad = await api(
        'post',
        `/incidents/${incident.id}/escalate`,
        OWNER,
      ).send({});
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/version/);

      const res = await api(
        'post',
        `/incidents/${incident.id}/escalate`,
        OWNER,
      ).send({
        version: incident.version,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        escalationLevel: 2,
        version: incident.version + 1,
      });
      expect(res.body.escalatedAt).toEqual(expect.any(String));
      expect(
        sent
          .filter(n => n.payload.topic === 'incidentEscalated')
          .map(n => n.recipients.entityRef),
      ).toEqual([[PRIYA, OWNER_GROUP]]);
      const audit = await knex('audit_log')
        .where({ resource_id: incident.id })
        .orderBy('id');
      expect(audit.map(a => [a.actor, a.action])).toContainEqual([
        OWNER,
        'incident.update',
      ]);
    });
  });
});
