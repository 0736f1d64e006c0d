import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';
import { checkoutSchedule } from './__testUtils__/testSchedules';

jest.setTimeout(60_000);

describe('calendar feed addresses', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(reliabilityConfig?: Record<string, unknown>) {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({
        knex,
        reliabilityConfig,
      });
      const api = apiClient(server);
      const feed = async (path: string) =>
        (await request(server).get(`/api/reliability${path}`)).status;
      const created = await api('post', '/schedules', OWNER).send(
        checkoutSchedule(),
      );
      expect(created.status).toBe(201);
      return { knex, api, feed, id: created.body.id as string };
    }

    it('shows every reader the same schedule address, which keeps working until a member rotates it', async () => {
      const { api, feed, id } = await setup();
      const first = await api('get', `/schedules/${id}/feed`, OWNER);
      const again = await api('get', `/schedules/${id}/feed`, OWNER);
      expect(first.status).toBe(200);
      expect(first.body.path).toMatch(
        new RegExp(`^/ical/schedules/${id}\\.ics\\?token=[\\w-]{32}$`),
      );
      expect(again.body.path).toBe(first.body.path);

      const other = await api('get', `/schedules/${id}/feed`, NON_OWNER);
      expect(other.body).toEqual({
        path: first.body.path,
        holders: [OWNER, NON_OWNER],
      });
      expect(await feed(first.body.path)).toBe(200);
      expect((await api('get', `/schedules/${id}/feed`)).status).toBe(401);

      const refused = await api(
        'post',
        `/schedules/${id}/feed-token`,
        NON_OWNER,
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBeTruthy();
      expect(await feed(first.body.path)).toBe(200);

      const rotated = await api('post', `/schedules/${id}/feed-token`, OWNER);
      expect(rotated.status).toBe(200);
      expect(rotated.body.holders).toEqual([OWNER]);
      expect(rotated.body.path).not.toBe(first.body.path);
      expect(await feed(first.body.path)).toBe(401);
      expect(await feed(rotated.body.path)).toBe(200);
      const shown = await api('get', `/schedules/${id}/feed`, OWNER);
      expect(shown.body).toEqual({ path: rotated.body.path, holders: [OWNER] });
    });

    it('shows a user the same "my shifts" address until they rotate it', async () => {
      const { api, feed, knex } = await setup();
      expect((await api('get', '/feed-token/me')).status).toBe(401);
      const first = await api('get', '/feed-token/me', OWNER);
      expect(first.status).toBe(200);
      expect(first.body.path).toMatch(
        /^\/ical\/users\/default\/lena\.hoffmann\.ics\?token=[\w-]{32}$/,
      );
      expect((await api('get', '/feed-token/me', OWNER)).body).toEqual(
        first.body,
      );
      expect(await feed(first.body.path)).toBe(200);
      // Looking is not auditable; rotating is.
      expect(
        await knex('audit_log').where({ resource_type: 'user-feed' }),
      ).toHaveLength(0);

      const rotated = await api('post', '/feed-token/me', OWNER);
      expect(await feed(first.body.path)).toBe(401);
      expect(await feed(rotated.body.path)).toBe(200);
      expect((await api('get', '/feed-token/me', OWNER)).body).toEqual(
        rotated.body,
      );
    });

    it('keeps no secret in the database when the feed key is configured', async () => {
      const { api, feed, knex, id } = await setup({
        oncall: { feedSecret: 'a-configured-key-of-32-characters!' },
      });
      const schedule = await api('get', `/schedules/${id}/feed`, OWNER);
      const mine = await api('get', '/feed-token/me', OWNER);
      expect(await feed(schedule.body.path)).toBe(200);
      expect(await feed(mine.body.path)).toBe(200);
      expect(await knex('feed_keys')).toEqual([]);
      const stored = JSON.stringify([
        await knex('schedules').select(),
        await knex('user_feed_tokens').select(),
      ]);
      for (const path of [schedule.body.path, mine.body.path]) {
        expect(stored).not.toContain(path.split('token=')[1]);
      }
    });
  });
});
