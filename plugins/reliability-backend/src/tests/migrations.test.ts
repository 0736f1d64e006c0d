import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';

jest.setTimeout(60_000);

async function migrateUpOnce(knex: Knex) {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex) {
  await knex.migrate.down({ directory: migrationsDir });
}

describe('migrations', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'each migration goes up and down, keeping data, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await migrateUpOnce(knex);
      await knex('incidents').insert({
        id: '6a1f0000-0000-4000-8000-000000000001',
        entity_ref: 'component:default/checkout',
        title: 'Pool exhausted',
        severity: 'SEV2',
        status: 'resolved',
        source: 'portal',
        started_at: new Date('2026-10-20T10:00:00Z'),
        created_at: new Date(),
        updated_at: new Date(),
      });
      await knex('incident_events').insert({
        id: '6a1f0000-0000-4000-8000-000000000002',
        incident_id: '6a1f0000-0000-4000-8000-000000000001',
        type: 'note',
        at: new Date(),
        message: 'hello',
      });
      expect(
        await knex('incidents').select('version', 'title').first(),
      ).toEqual({ version: 1, title: 'Pool exhausted' });

      // The same source and external id cannot be stored twice.
      const withExternalId = {
        entity_ref: 'component:default/checkout',
        title: 'From Alertmanager',
        severity: 'SEV3',
        status: 'investigating',
        source: 'alertmanager',
        external_id: 'group-1',
        started_at: new Date(),
        created_at: new Date(),
        updated_at: new Date(),
      };
      await knex('incidents').insert({
        ...withExternalId,
        id: '6a1f0000-0000-4000-8000-000000000003',
      });
      await expect(
        knex('incidents').insert({
          ...withExternalId,
          id: '6a1f0000-0000-4000-8000-000000000004',
        }),
      ).rejects.toMatchObject({
        // unique violation, as SQLite and PostgreSQL name it
        code: expect.stringMatching(/^(SQLITE_CONSTRAINT_UNIQUE|23505)$/),
      });

      // 20261122140000_postmortems: roles, alerts, postmortems, action items
      await migrateUpOnce(knex);
      await knex('postmortems').insert({
        id: '6a1f0000-0000-4000-8000-000000000010',
        entity_ref: 'component:default/checkout',
        title: 'Pool exhausted',
        status: 'draft',
        author: 'user:default/jonas.weber',
        created_at: new Date(),
        updated_at: new Date(),
      });
      await knex('postmortem_incidents').insert({
        postmortem_id: '6a1f0000-0000-4000-8000-000000000010',
        incident_id: '6a1f0000-0000-4000-8000-000000000001',
      });
      await knex('incidents')
        .where({ id: '6a1f0000-0000-4000-8000-000000000001' })
        .update({ scribe: 'user:default/priya.raman' });

      // 20261122160000_summary_indexes
      await migrateUpOnce(knex);

      // 20261122170000_oncall: schedules, overrides, user feed tokens
      await migrateUpOnce(knex);
      const schedule = {
        id: '6a1f0000-0000-4000-8000-000000000020',
        name: 'checkout-primary',
        owner_ref: 'group:default/team-checkout',
        definition: JSON.stringify({ timeZone: 'Europe/Berlin', layers: [] }),
        feed_token: 'secret',
        created_at: new Date(),
        updated_at: new Date(),
      };
      await knex('schedules').insert(schedule);
      await expect(
        knex('schedules').insert({
          ...schedule,
          id: '6a1f0000-0000-4000-8000-000000000021',
        }),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/^(SQLITE_CONSTRAINT_UNIQUE|23505)$/),
      });
      await knex('schedule_overrides').insert({
        id: '6a1f0000-0000-4000-8000-000000000022',
        schedule_id: schedule.id,
        user_ref: 'user:default/priya.raman',
        starts_at: new Date('2026-11-24T08:00:00Z'),
        ends_at: new Date('2026-11-25T08:00:00Z'),
        created_by: 'user:default/lena.hoffmann',
        created_at: new Date(),
      });
      await knex('user_feed_tokens').insert({
        user_ref: 'user:default/priya.raman',
        token: 'secret',
      });
      expect(
        await knex('schedules').select('version', 'escalation_policy').first(),
      ).toEqual({ version: 1, escalation_policy: null });
      await migrateDownOnce(knex);
      for (const table of [
        'schedules',
        'schedule_overrides',
        'user_feed_tokens',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      await migrateDownOnce(knex);
      expect(await knex('postmortems').pluck('title')).toEqual([
        'Pool exhausted',
      ]);

      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('postmortems')).toBe(false);
      // Going down keeps the incidents and their timelines.
      expect(await knex('incidents').orderBy('title').pluck('title')).toEqual([
        'From Alertmanager',
        'Pool exhausted',
      ]);
      expect(await knex('incident_events').pluck('message')).toEqual(['hello']);

      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('incidents')).toBe(false);
      expect(await knex.schema.hasTable('incident_events')).toBe(false);
      expect(await knex.schema.hasTable('audit_log')).toBe(false);

      await knex.destroy();
    },
  );
});
