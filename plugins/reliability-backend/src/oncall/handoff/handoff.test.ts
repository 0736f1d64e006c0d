import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseActionItemStore } from '../../actionItems/DatabaseActionItemStore';
import { DatabaseIncidentStore } from '../../incidents/DatabaseIncidentStore';
import { ReliabilityNotifier } from '../../notifications/ReliabilityNotifier';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  startReliabilityBackend,
} from '../../tests/__testUtils__/testBackend';
import { DatabaseScheduleStore } from '../DatabaseScheduleStore';
import { checkoutSchedule, JONAS, LENA } from '../__testUtils__/testSchedules';
import { DatabaseHandoffNoteStore } from './DatabaseHandoffNoteStore';
import { HandoffService } from './HandoffService';
import { recordingNotifications } from '../../__testUtils__/recordingNotifications';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;
const CART = 'component:default/cart';

/** The reminder job of one replica on the shared database. */
function replica(
  knex: Knex,
  sender: { send(n: any): Promise<void> },
  kinds: Record<string, boolean> = {},
) {
  return HandoffService.create({
    notes: DatabaseHandoffNoteStore.create({ knex }),
    schedules: DatabaseScheduleStore.create({ knex }),
    incidents: DatabaseIncidentStore.create({ knex }),
    actionItems: DatabaseActionItemStore.create({ knex }),
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'cart' },
          spec: { type: 'service', owner: OWNER_GROUP },
          relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
        },
      ],
    }),
    auth: mockServices.auth(),
    notifier: ReliabilityNotifier.create({
      knex,
      sender,
      config: mockServices.rootConfig({
        data: { reliability: { notifications: { kinds } } },
      }),
    }),
    logger: mockServices.logger.mock(),
  });
}

describe('hand-offs', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(reliabilityConfig?: Record<string, unknown>) {
      const knex = await databases.init(databaseId);
      const notifications = recordingNotifications();
      const { server } = await startReliabilityBackend({
        knex,
        features: [notifications.factory],
        reliabilityConfig,
      });
      const api = apiClient(server);
      return { knex, api, server, ...notifications };
    }

    it('the outgoing person or the owning team writes the note; the next person reads it with the checklist and in the calendar feed', async () => {
      const { api, server } = await setup();
      const id = (
        await api('post', '/schedules', OWNER).send(checkoutSchedule())
      ).body.id;
      const incident = await api('post', '/incidents', OWNER).send({
        entityRef: CART,
        title: 'Cart answers 503',
        severity: 'SEV2',
      });
      expect(incident.status).toBe(201);
      // The first hand-off from Jonas to Lena ahead.
      const from = new Date(Date.now() + DAY).toISOString();
      const to = new Date(Date.now() + 22 * DAY).toISOString();
      const { shifts } = (
        await api('get', `/schedules/${id}/final?from=${from}&to=${to}`, OWNER)
      ).body;
      const at = shifts.find(
        (s: any, i: number) =>
          s.user === LENA && i > 0 && shifts[i - 1].user === JONAS,
      ).start;

      const write = (who: string, body: object) =>
        api('put', `/schedules/${id}/handoff-note`, who).send(body);
      const refused = await write(NON_OWNER, { at, note: 'Watch the pool' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        `Only the person handing off and members of ${OWNER_GROUP} may write this hand-off note`,
      );
      const notAHandoff = await write(JONAS, {
        at: new Date(Date.parse(at) + 3_600_000).toISOString(),
        note: 'x',
      });
      expect(notAHandoff.status).toBe(400);
      expect(notAHandoff.body.error.message).toMatch(
        /^Invalid hand-off note: at: checkout-main has no hand-off at /,
      );
      const empty = await write(JONAS, { at, note: '  ' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/^Invalid hand-off note: note:/);

      const first = await write(JONAS, { at, note: 'Watch the DB pool' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ author: JONAS, version: 1 });
      const stale = await write(OWNER, { at, note: 'Other', version: 2 });
      expect(stale.status).toBe(409);
      const blind = await write(OWNER, { at, note: 'Other' });
      expect(blind.status).toBe(409);
      const second = await write(OWNER, {
        at,
        note: 'Watch the DB pool; cart 503s open',
        version: 1,
      });
      expect(second.body).toMatchObject({ author: OWNER, version: 2 });

      const listed = await api(
        'get',
        `/handoff-notes?scheduleId=${id}&from=${from}&to=${to}`,
        LENA,
      );
      expect(listed.body.notes).toEqual([
        expect.objectContaining({
          at: new Date(at).toISOString(),
          note: 'Watch the DB pool; cart 503s open',
        }),
      ]);

      const handoff = await api(
        'get',
        `/schedules/${id}/handoff?at=${encodeURIComponent(at)}`,
        LENA,
      );
      expect(handoff.body).toMatchObject({
        outgoing: JONAS,
        incoming: LENA,
        note: { note: 'Watch the DB pool; cart 503s open' },
        checklist: {
          incidents: [
            expect.objectContaining({
              title: 'Cart answers 503',
              entityRef: CART,
            }),
          ],
          actionItems: [],
          moreIncidents: false,
        },
      });

      const feed = await api('get', `/schedules/${id}/feed`, LENA);
      const ics = await request(server).get(
        `/api/reliability${feed.body.path}`,
      );
      expect(ics.status).toBe(200);
      expect(ics.text.replace(/\r\n /g, '')).toContain(
        'Hand-off note from lena.hoffmann: Watch the DB pool\\; cart 503s open',
      );
    });

    it('tells the incoming person an hour ahead, once across replicas and runs, with the checklist; switchable', async () => {
      // The backend's own job stays quiet: the replicas below are the test.
      const {
        knex,
        api,
        sent: all,
        sender,
      } = await setup({
        notifications: { kinds: { handoffSoon: false } },
      });
      const sent = {
        get told() {
          return all.filter(n => n.payload.topic === 'handoffSoon');
        },
      };
      const now = new Date();
      const soon = new Date(now.getTime() + 30 * 60_000);
      const hhmm = soon.toISOString().slice(11, 16);
      const created = await api('post', '/schedules', OWNER).send({
        ...checkoutSchedule('daily'),
        schedule: {
          name: 'daily',
          timeZone: 'UTC',
          layers: [
            {
              name: 'primary',
              participants: [LENA, JONAS],
              rotation: { length: 1, unit: 'days' },
              handoff: { time: hhmm },
              start: new Date(now.getTime() - 3 * DAY)
                .toISOString()
                .slice(0, 10),
            },
          ],
          overrides: [],
        },
        escalationPolicy: null,
      });
      expect(created.status).toBe(201);
      await api('post', '/incidents', OWNER).send({
        entityRef: CART,
        title: 'Cart answers 503',
        severity: 'SEV2',
      });
      const at = new Date(Date.parse(`${soon.toISOString().slice(0, 16)}:00Z`));
      const { shifts } = (
        await api(
          'get',
          `/schedules/${created.body.id}/final?from=${new Date(
            at.getTime() - 1000,
          ).toISOString()}&to=${new Date(at.getTime() + 1000).toISOString()}`,
          OWNER,
        )
      ).body;
      const incoming = shifts[1].user;
      await api(
        'put',
        `/schedules/${created.body.id}/handoff-note`,
        OWNER,
      ).send({ at: at.toISOString(), note: 'Pool is flaky' });

      const off = replica(knex, sender, { handoffSoon: false });
      expect(await off.remindUpcoming(now)).toBe(0);
      expect(sent.told).toEqual([]);

      const [a, b] = [replica(knex, sender), replica(knex, sender)];
      const told = await Promise.all([
        a.remindUpcoming(now),
        b.remindUpcoming(now),
      ]);
      expect(told.reduce((x, y) => x + y, 0)).toBe(1);
      expect(await a.remindUpcoming(new Date(now.getTime() + 60_000))).toBe(0);
      expect(sent.told).toHaveLength(1);
      expect(sent.told[0].recipients.entityRef).toEqual([incoming]);
      expect(sent.told[0].payload).toMatchObject({
        topic: 'handoffSoon',
        title: `You are on call for daily from ${hhmm} UTC`,
        link: '/reliability/oncall',
      });
      expect(sent.told[0].payload.description).toContain(
        'Hand-off note from lena.hoffmann: Pool is flaky',
      );
      expect(sent.told[0].payload.description).toContain(
        `Open incidents of ${OWNER_GROUP}: `,
      );
      expect(sent.told[0].payload.description).toContain(
        'Cart answers 503 (SEV2)',
      );
    });
  });
});
