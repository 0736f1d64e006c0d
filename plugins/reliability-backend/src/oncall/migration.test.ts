import { TestDatabases } from '@backstage/backend-test-utils';
import { createHash } from 'node:crypto';
import { migrationsDir } from '../database/migrations';
import { DatabaseScheduleStore } from './ScheduleStore';

jest.setTimeout(60_000);

const HASHES = '20261206120000_feed_token_hashes.js';
const NAMES = '20261206130000_schedule_names_per_owner.js';
const UNIQUE_VIOLATION = /^(SQLITE_CONSTRAINT_UNIQUE|23505)$/;
const sha256 = (token: string) =>
  createHash('sha256').update(token, 'utf8').digest('hex');

describe('the feed token hashes migration', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'hashes the stored tokens, which keep opening their feeds, and goes down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = migrationsDir;
      await knex.migrate.latest({ directory });
      await knex.migrate.down({ directory, name: HASHES });

      const id = '6a1f0000-0000-4000-8000-000000000020';
      await knex('schedules').insert({
        id,
        name: 'checkout-primary',
        owner_ref: 'group:default/team-checkout',
        definition: JSON.stringify({ timeZone: 'Europe/Berlin', layers: [] }),
        feed_token: 'schedule-secret',
        created_at: new Date(),
        updated_at: new Date(),
      });
      await knex('user_feed_tokens').insert([
        { user_ref: 'user:default/priya.raman', token: 'priya-secret' },
        { user_ref: 'user:default/jonas.weber', token: 'jonas-secret' },
      ]);

      await knex.migrate.up({ directory, name: HASHES });
      expect(await knex('schedules').pluck('feed_token_sha256')).toEqual([
        sha256('schedule-secret'),
      ]);
      expect(
        await knex('user_feed_tokens')
          .orderBy('user_ref')
          .select('user_ref', 'token_sha256'),
      ).toEqual([
        {
          user_ref: 'user:default/jonas.weber',
          token_sha256: sha256('jonas-secret'),
        },
        {
          user_ref: 'user:default/priya.raman',
          token_sha256: sha256('priya-secret'),
        },
      ]);
      // The URLs people subscribed to keep working, and only they.
      const store = DatabaseScheduleStore.create({ knex });
      expect(await store.feedTokenMatches(id, 'schedule-secret')).toBe(true);
      expect(await store.feedTokenMatches(id, sha256('schedule-secret'))).toBe(
        false,
      );
      expect(
        await store.userFeedTokenMatches(
          'user:default/priya.raman',
          'priya-secret',
        ),
      ).toBe(true);
      expect(
        await store.userFeedTokenMatches(
          'user:default/priya.raman',
          'jonas-secret',
        ),
      ).toBe(false);

      // Down: hashes cannot become tokens again; every feed gets a new secret.
      await knex.migrate.down({ directory, name: HASHES });
      const [schedule] = await knex('schedules').select();
      expect(schedule).not.toHaveProperty('feed_token_sha256');
      expect(schedule.feed_token).toMatch(/^[\w-]{32}$/);
      const users = await knex('user_feed_tokens').select();
      expect(users).toHaveLength(2);
      for (const user of users) {
        expect(user.token).toMatch(/^[\w-]{32}$/);
        expect(['priya-secret', 'jonas-secret']).not.toContain(user.token);
      }

      await knex.migrate.up({ directory, name: HASHES });
      expect(await store.feedTokenMatches(id, schedule.feed_token)).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets two teams use one schedule name, and goes down renaming them apart, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = migrationsDir;
      await knex.migrate.latest({ directory });
      const row = (id: string, owner: string, name: string, at: string) => ({
        id,
        name,
        owner_ref: owner,
        definition: JSON.stringify({ timeZone: 'Europe/Berlin', layers: [] }),
        feed_token_sha256: sha256(id),
        created_at: new Date(at),
        updated_at: new Date(at),
      });
      await knex('schedules').insert([
        row(
          '6a1f0000-0000-4000-8000-00000000000a',
          'group:default/team-a',
          'primary',
          '2026-01-01T00:00:00Z',
        ),
        row(
          '6a1f0000-0000-4000-8000-00000000000b',
          'group:default/team-b',
          'primary',
          '2026-02-01T00:00:00Z',
        ),
      ]);
      await expect(
        knex('schedules').insert(
          row(
            '6a1f0000-0000-4000-8000-00000000000c',
            'group:default/team-b',
            'primary',
            '2026-03-01T00:00:00Z',
          ),
        ),
      ).rejects.toMatchObject({
        code: expect.stringMatching(UNIQUE_VIOLATION),
      });

      await knex.migrate.down({ directory, name: NAMES });
      expect(
        await knex('schedules').orderBy('owner_ref').pluck('name'),
      ).toEqual(['primary', 'primary-6a1f0000']);
      await expect(
        knex('schedules').insert(
          row(
            '6a1f0000-0000-4000-8000-00000000000d',
            'group:default/team-c',
            'primary',
            '2026-03-01T00:00:00Z',
          ),
        ),
      ).rejects.toMatchObject({
        code: expect.stringMatching(UNIQUE_VIOLATION),
      });
      await knex.migrate.up({ directory, name: NAMES });
    },
  );
});
