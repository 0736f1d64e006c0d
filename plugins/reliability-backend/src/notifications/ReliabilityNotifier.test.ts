import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { applyDatabaseMigrations } from '../database/migrations';
import { ReliabilityNotifier } from './ReliabilityNotifier';

jest.setTimeout(60_000);

const escalated = {
  key: 'incident:INC-20261207-001:escalated:2',
  kind: 'incidentEscalated',
  recipients: ['user:default/jonas.weber'],
  title: 'INC-20261207-001 escalated to you',
  link: '/catalog/default/component/checkout/incidents/INC-20261207-001',
};

describe('ReliabilityNotifier', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('looks up the recipients and text of an event only until it is sent, and sends nothing to nobody', async () => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const send = jest.fn().mockResolvedValue(undefined);
      const notifier = ReliabilityNotifier.create({
        knex,
        sender: { send },
        config: new ConfigReader({}),
      });
      const nobody = jest.fn().mockResolvedValue([]);
      expect(await notifier.notify({ ...escalated, recipients: nobody })).toBe(
        false,
      );
      const owners = jest
        .fn()
        .mockResolvedValue([
          'group:default/team-checkout',
          'group:default/team-checkout',
        ]);
      const description = jest.fn().mockResolvedValue('Checkout is down');
      for (let i = 0; i < 3; i++) {
        await notifier.notify({
          ...escalated,
          recipients: owners,
          description,
        });
      }
      expect(nobody).toHaveBeenCalledTimes(1);
      expect(owners).toHaveBeenCalledTimes(1);
      expect(description).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenCalledTimes(1);
      expect(send.mock.calls[0][0].recipients.entityRef).toEqual([
        'group:default/team-checkout',
      ]);
      expect(send.mock.calls[0][0].payload.description).toBe(
        'Checkout is down',
      );
    });

    it('sends each event once across two replicas sending at the same time, and again after a failed send', async () => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const send = jest.fn().mockResolvedValue(undefined);
      const replica = () =>
        ReliabilityNotifier.create({
          knex,
          sender: { send },
          config: new ConfigReader({}),
        });
      const [a, b] = [replica(), replica()];

      const sent = await Promise.all(
        [a, b, a, b].map(notifier => notifier.notify(escalated)),
      );
      expect(sent.filter(Boolean)).toHaveLength(1);
      expect(send).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: ['user:default/jonas.weber'] },
        payload: expect.objectContaining({
          title: 'INC-20261207-001 escalated to you',
          topic: 'incidentEscalated',
        }),
      });

      const other = {
        ...escalated,
        key: 'incident:INC-20261207-001:escalated:3',
      };
      send.mockRejectedValueOnce(new Error('notifications down'));
      await expect(a.notify(other)).rejects.toThrow('notifications down');
      await expect(b.notify(other)).resolves.toBe(true);
      expect(send).toHaveBeenCalledTimes(3);
    });

    it('sends nothing of a kind switched off in config', async () => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const send = jest.fn();
      const notifier = ReliabilityNotifier.create({
        knex,
        sender: { send },
        config: new ConfigReader({
          reliability: {
            notifications: { kinds: { incidentEscalated: false } },
          },
        }),
      });
      await expect(notifier.notify(escalated)).resolves.toBe(false);
      expect(send).not.toHaveBeenCalled();
    });
  });
});
