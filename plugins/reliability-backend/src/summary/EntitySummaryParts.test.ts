import { TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_SEVERITY_LEVELS } from '@reliability-hub/plugin-reliability-common';
import { DatabaseActionItemStore } from '../actionItems/DatabaseActionItemStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { EntitySummaryParts } from './EntitySummaryParts';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
const NOW = Date.parse('2026-11-22T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('EntitySummaryParts', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'counts anew when the clock moves a figure, and only then, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const incidents = DatabaseIncidentStore.create({ knex });
      const actionItems = DatabaseActionItemStore.create({ knex });
      const computed = jest.spyOn(incidents, 'getEntitySummary');
      let now = NOW;
      const parts = EntitySummaryParts.create({
        knex,
        incidents,
        actionItems,
        severities: DEFAULT_SEVERITY_LEVELS,
        now: () => now,
      });
      const at = (msAgo: number) => new Date(NOW - msAgo);
      const incident = (id: string, severity: string, startedAgo: number) => ({
        id,
        entity_ref: CHECKOUT,
        title: `${severity} ${id}`,
        severity,
        status: 'resolved',
        source: 'portal',
        started_at: at(startedAgo),
        resolved_at: at(startedAgo - HOUR),
        created_at: at(startedAgo),
        updated_at: at(startedAgo),
      });
      await knex('incidents').insert([
        // leaves the last 90 days a day from now
        incident('inc-old', 'SEV3', 89 * DAY),
        // resolved an hour ago; its postmortem is due within 48 hours
        incident('inc-sev1', 'SEV1', 2 * HOUR),
      ]);
      await knex('postmortems').insert({
        id: 'pm-1',
        entity_ref: CHECKOUT,
        title: 'Older outage',
        status: 'draft',
        author: 'user:default/lena.hoffmann',
        created_at: at(0),
        updated_at: at(0),
      });
      await knex('action_items').insert({
        id: 'ai-1',
        postmortem_id: 'pm-1',
        entity_ref: CHECKOUT,
        title: 'Due today',
        type: 'prevent',
        priority: 'P2',
        owner: 'group:default/team-checkout',
        status: 'open',
        due_date: '2026-11-22',
        created_at: at(0),
        updated_at: at(0),
      });
      const read = async () => {
        const { incidents: i, actionItems: a } = await parts.read(CHECKOUT);
        return {
          last90: i.last90Days.map(c => c.severity),
          postmortemsDue: i.postmortemsDue,
          overdueItems: a.overdueCount,
          itemOverdue: a.items[0].overdue,
        };
      };

      /**
       * What the parts say just before `deadline` (read a few minutes
       * before, then remembered) and from `deadline` on.
       */
      const around = async (deadline: number) => {
        now = deadline - 5 * 60 * 1000;
        const before = await read();
        const calls = computed.mock.calls.length;
        now = deadline - 1;
        expect(await read()).toEqual(before);
        expect(computed).toHaveBeenCalledTimes(calls);
        now = deadline;
        return { before, after: await read() };
      };

      const today = {
        last90: ['SEV1', 'SEV3'],
        postmortemsDue: { count: 1, overdueCount: 0 },
        overdueItems: 0,
        itemOverdue: false,
      };
      expect(await read()).toEqual(today);

      // Midnight UTC: the action item due the day before is overdue.
      const tomorrow = { ...today, overdueItems: 1, itemOverdue: true };
      expect(await around(NOW + 12 * HOUR)).toEqual({
        before: today,
        after: tomorrow,
      });

      // The SEV3 started 89 days ago leaves the last 90 days.
      const in90Days = { ...tomorrow, last90: ['SEV1'] };
      expect(await around(NOW + DAY + 1)).toEqual({
        before: tomorrow,
        after: in90Days,
      });

      // 48 hours after the SEV1 was resolved, its postmortem is overdue.
      expect(await around(NOW + 47 * HOUR + 1)).toEqual({
        before: in90Days,
        after: { ...in90Days, postmortemsDue: { count: 1, overdueCount: 1 } },
      });
    },
  );
});
