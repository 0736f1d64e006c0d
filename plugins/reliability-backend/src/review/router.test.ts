import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  NON_OWNER,
  OWNER_GROUP,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';

jest.setTimeout(60_000);

describe('GET /review', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({ knex });
      return (query: string, header = mockCredentials.user.header(NON_OWNER)) =>
        request(server)
          .get(`/api/reliability/review${query}`)
          .set('Authorization', header);
    }

    it('answers a bad period with a 400 that names the field, and an unknown group with a 404', async () => {
      const get = await setup();
      const cases: Array<[string, number, RegExp]> = [
        ['?period=custom&start=2026-11-01&end=2026-13-01', 400, /end: /],
        [
          '?period=custom&start=2026-11-10&end=2026-11-01',
          400,
          /end: must not be before start/,
        ],
        [
          '?period=custom&start=2024-01-01&end=2026-06-01',
          400,
          /end: must be at most 731 days/,
        ],
        ['?period=month&start=first', 400, /start: /],
        ['?period=year', 400, /period: /],
        [
          '?entityRef=component:default/checkout',
          400,
          /entityRef: must be a group or system ref/,
        ],
        [
          '?entityRef=group:default/nobody',
          404,
          /No entity group:default\/nobody/,
        ],
        [
          '?entityRef=system:default/nothing',
          404,
          /No entity system:default\/nothing/,
        ],
      ];
      for (const [query, status, message] of cases) {
        const res = await get(query);
        expect({ query, status: res.status }).toEqual({ query, status });
        expect(res.body.error.message).toMatch(message);
      }
    });

    it('answers a signed-in caller the figures of a group beside the previous period, and refuses the unauthenticated', async () => {
      const get = await setup();
      const res = await get(
        `?entityRef=${OWNER_GROUP}&period=week&start=2026-11-04`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: OWNER_GROUP,
        current: {
          period: { kind: 'week', start: '2026-11-02', end: '2026-11-08' },
          incidents: { total: 0 },
        },
        previous: {
          period: { kind: 'week', start: '2026-10-26', end: '2026-11-01' },
        },
        trend: { step: 'day' },
      });
      expect(res.body.trend.points).toHaveLength(7);

      const anonymous = await get('', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
    });
  });
});
