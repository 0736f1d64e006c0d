import { TestDatabases } from '@backstage/backend-test-utils';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  startReliabilityBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';
const LENA = OWNER;
const JONAS = 'user:default/jonas.weber';
/** Names with `_`, which LIKE would read as "any character". */
const A_B = 'user:default/a_b';
const AXB = 'user:default/axb';

describe('lists narrowed to one person', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({ knex });
      const now = Date.now();
      const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000);
      await knex('incidents').insert(
        [
          ['inc-lena-1', CHECKOUT, LENA, 1],
          ['inc-jonas', CHECKOUT, JONAS, 2],
          ['inc-lena-2', CART, LENA, 3],
          ['inc-nobody', CART, null, 4],
        ].map(([id, entityRef, commander, hoursAgo]) => ({
          id,
          entity_ref: entityRef,
          title: String(id),
          severity: 'SEV2',
          status: 'investigating',
          source: 'portal',
          commander,
          started_at: at(Number(hoursAgo)),
          created_at: at(Number(hoursAgo)),
          updated_at: at(Number(hoursAgo)),
        })),
      );
      await knex('postmortems').insert(
        [
          ['pm-lena-draft', LENA, [JONAS], 'draft', 1],
          ['pm-jonas-review', JONAS, [LENA, A_B], 'in_review', 2],
          ['pm-jonas-axb', JONAS, [AXB], 'in_review', 3],
          ['pm-lena-published', LENA, [JONAS], 'published', 4],
        ].map(([id, author, reviewers, status, hoursAgo]) => ({
          id,
          entity_ref: CHECKOUT,
          title: String(id),
          status,
          author,
          reviewers: JSON.stringify(reviewers),
          published_at: status === 'published' ? at(Number(hoursAgo)) : null,
          created_at: at(Number(hoursAgo)),
          updated_at: at(Number(hoursAgo)),
        })),
      );
      return apiClient(server);
    }

    const ids = (body: { items: Array<{ id: string }> }) =>
      body.items.map(item => item.id);

    it('lists the incidents a user commands, newest first', async () => {
      const api = await setup();
      const res = await api(
        'get',
        '/incidents?commander=lena.hoffmann&status=open',
        NON_OWNER,
      );
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual(['inc-lena-1', 'inc-lena-2']);
    });

    it('lists the postmortems a user writes and those a user is to review, taking `_` in a name literally', async () => {
      const api = await setup();
      const get = async (query: string) => {
        const res = await api('get', `/postmortems?${query}`, NON_OWNER);
        expect({ query, status: res.status }).toEqual({ query, status: 200 });
        return ids(res.body);
      };
      expect(await get(`author=${LENA}`)).toEqual([
        'pm-lena-draft',
        'pm-lena-published',
      ]);
      expect(await get(`author=${LENA}&status=draft`)).toEqual([
        'pm-lena-draft',
      ]);
      expect(await get(`reviewer=${LENA}&status=in_review`)).toEqual([
        'pm-jonas-review',
      ]);
      expect(await get(`reviewer=${A_B}`)).toEqual(['pm-jonas-review']);
      expect(await get('reviewer=user:default/a%25')).toEqual([]);
    });

    it('answers a malformed person with a 400 naming the field', async () => {
      const api = await setup();
      for (const [path, field] of [
        ['/incidents?commander=group:default/team', 'commander'],
        ['/postmortems?author=a%20b%20c:d', 'author'],
        ['/postmortems?reviewer=', 'reviewer'],
      ]) {
        const res = await api('get', path, NON_OWNER);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.message).toContain(`${field}: `);
      }
    });
  });
});
