import { TestDatabases } from '@backstage/backend-test-utils';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';
import { checkoutSchedule } from './__testUtils__/testSchedules';

jest.setTimeout(60_000);

/** What the schedule editor sends: the whole schedule at the version seen. */
function edited(change: (body: any) => void) {
  const body: any = { ...checkoutSchedule(), version: 1 };
  body.schedule = structuredClone(body.schedule);
  body.escalationPolicy = structuredClone(body.escalationPolicy);
  change(body);
  return body;
}

describe('editing a schedule', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({
        knex,
        // A group the editor's owner picker offers that Lena is not in.
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'team-payments', namespace: 'default' },
            spec: { type: 'team', children: [] },
          },
        ],
      });
      const api = apiClient(server);
      const created = await api('post', '/schedules', OWNER).send(
        checkoutSchedule(),
      );
      expect(created.status).toBe(201);
      return { api, id: created.body.id as string };
    }

    it('answers 400 naming the field the editor shows the message beside', async () => {
      const { api, id } = await setup();
      const cases: Array<[(body: any) => void, string]> = [
        [
          b => (b.schedule.layers[0].handoff.time = '9'),
          'layers[0].handoff.time',
        ],
        [
          b => (b.schedule.layers[0].rotation.length = 0),
          'layers[0].rotation.length',
        ],
        [
          b => (b.schedule.layers[0].participants = []),
          'layers[0].participants',
        ],
        [
          b =>
            (b.schedule.layers[0].restrictions = [
              { from: '08:00', to: '16:00', timeZone: 'Mars/Olympus' },
            ]),
          'layers[0].restrictions[0].timeZone',
        ],
        [
          b => (b.escalationPolicy.levels[1].delayMinutes = -5),
          'escalationPolicy.levels.1.delayMinutes',
        ],
        [b => (b.name = ''), 'name'],
      ];
      for (const [change, field] of cases) {
        const res = await api('put', `/schedules/${id}`, OWNER).send(
          edited(change),
        );
        expect([field, res.status]).toEqual([field, 400]);
        expect(res.body.error.message).toContain(field);
      }
      expect((await api('get', `/schedules/${id}`, OWNER)).body.version).toBe(
        1,
      );
    });

    it('answers 403 with a message to handing a schedule to a group one is not in', async () => {
      const { api, id } = await setup();
      const moved = await api('put', `/schedules/${id}`, OWNER).send(
        edited(b => (b.ownerRef = 'group:default/team-payments')),
      );
      expect(moved.status).toBe(403);
      expect(moved.body.error.message).toContain('team-payments');
      const created = await api('post', '/schedules', OWNER).send({
        ...checkoutSchedule('elsewhere'),
        ownerRef: 'group:default/team-payments',
      });
      expect(created.status).toBe(403);
      expect(created.body.error.message).toContain('team-payments');
      const edit = await api('put', `/schedules/${id}`, NON_OWNER).send(
        edited(b => (b.schedule.description = 'Mine now')),
      );
      expect(edit.status).toBe(403);
      expect(edit.body.error.message).toContain(NON_OWNER);
      expect((await api('get', `/schedules/${id}`, OWNER)).body).toMatchObject({
        version: 1,
        ownerRef: 'group:default/team-checkout',
      });
    });
  });
});
