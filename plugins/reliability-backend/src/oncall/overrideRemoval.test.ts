import { TestDatabases } from '@backstage/backend-test-utils';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';
import { checkoutSchedule, JONAS, PRIYA } from './__testUtils__/testSchedules';

jest.setTimeout(60_000);

describe('removing an override', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('is for the owning team, the person covering and the person covered; others get a 403 saying so', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({ knex });
      const api = apiClient(server);
      const created = await api('post', '/schedules', OWNER).send(
        checkoutSchedule(),
      );
      const id = created.body.id;
      // Priya covers part of Jonas's week; neither is in team-checkout.
      const add = async (version: number) => {
        const res = await api('post', `/schedules/${id}/overrides`, OWNER).send(
          {
            version,
            user: PRIYA,
            start: '2026-11-10T08:00:00Z',
            end: '2026-11-11T08:00:00Z',
            reason: 'Jonas at a wedding',
          },
        );
        expect(res.status).toBe(201);
        return res.body;
      };
      const remove = (record: any, who: string) =>
        api(
          'delete',
          `/schedules/${id}/overrides/${record.schedule.overrides[0].id}?version=${record.version}`,
          who,
        );

      let record = await add(1);
      const refused = await remove(record, NON_OWNER);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'Only members of group:default/team-checkout, the person covering and the people covered may remove this override',
      );

      const byCover = await remove(record, PRIYA);
      expect(byCover.status).toBe(200);
      expect(byCover.body.schedule.overrides).toEqual([]);

      record = await add(byCover.body.version);
      const byCovered = await remove(record, JONAS);
      expect(byCovered.status).toBe(200);
      expect(byCovered.body.schedule.overrides).toEqual([]);

      const audit = await knex('audit_log')
        .where({ action: 'schedule.override.remove' })
        .orderBy('id');
      expect(audit.map(a => a.actor)).toEqual([PRIYA, JONAS]);
    });
  });
});
