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
