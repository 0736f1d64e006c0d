import { TestDatabases } from '@backstage/backend-test-utils';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';
import { checkoutSchedule, PRIYA } from './__testUtils__/testSchedules';

jest.setTimeout(60_000);

describe('deleting a schedule', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('is for members of the owner group, at the version they saw, and is audited', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({ knex });
      const api = apiClient(server);
      const created = await api('post', '/schedules', OWNER).send(
        checkoutSchedule(),
      );
      const id = created.body.id;
      const added = await api('post', `/schedules/${id}/overrides`, OWNER).send(
        {
          version: 1,
          user: PRIYA,
          start: '2026-11-10T08:00:00Z',
          end: '2026-11-11T08:00:00Z',
        },
      );
      expect(added.status).toBe(201);

      const refused = await api(
        'delete',
        `/schedules/${id}?version=2`,
        NON_OWNER,
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/only its owners can/);
      const unversioned = await api('delete', `/schedules/${id}`, OWNER);
      expect(unversioned.status).toBe(400);
      expect(unversioned.body.error.message).toMatch(/version/);
      const stale = await api('delete', `/schedules/${id}?version=1`, OWNER);
      expect(stale.status).toBe(409);
      expect((await api('get', `/schedules/${id}`, OWNER)).status).toBe(200);

      const deleted = await api('delete', `/schedules/${id}?version=2`, OWNER);
      expect(deleted.status).toBe(204);
      expect((await api('get', `/schedules/${id}`, OWNER)).status).toBe(404);
      expect(await knex('schedule_overrides')).toEqual([]);
      const [entry] = await knex('audit_log').where({
        action: 'schedule.delete',
      });
      expect(entry.actor).toBe(OWNER);
      expect(JSON.parse(entry.before).schedule.overrides).toHaveLength(1);
    });
  });
});
