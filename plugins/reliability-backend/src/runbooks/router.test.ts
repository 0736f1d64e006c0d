import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import request from 'supertest';
import {
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';
import { DB_POOL_YAML, ROLLBACK_MARKDOWN } from './__testUtils__/runbookFiles';

jest.setTimeout(60_000);

const ORDERS = 'component:default/orders';
const BASKET = 'component:default/basket';
const TREE = 'https://git.example/acme/orders/blob/main/runbooks';

const FILES: Record<string, string> = {
  'db-pool.yaml': DB_POOL_YAML,
  'rollback.md': ROLLBACK_MARKDOWN,
  'broken.yaml':
    'id: broken\ntitle: Broken\nseverity: urgent\nsteps:\n  - title: Look\n',
};

const urlReader = mockServices.urlReader.mock({
  readTree: async (url: string) => {
    if (url !== TREE) {
      throw new NotFoundError(`${url} not found`);
    }
    return {
      etag: 'v1',
      files: async () =>
        Object.entries(FILES).map(([path, text]) => ({
          path,
          content: async () => Buffer.from(text),
        })),
    } as any;
  },
});

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'orders',
      annotations: { 'reliability-hub.io/runbooks': `url:${TREE}` },
      links: [
        {
          url: 'https://wiki.example/orders/stuck',
          title: 'Stuck orders',
          type: 'runbook',
        },
      ],
    },
    spec: { type: 'service', owner: OWNER, system: 'storefront' },
    relations: [{ type: 'ownedBy', targetRef: OWNER }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'basket',
      links: [
        {
          url: 'https://wiki.example/basket',
          title: 'Basket runbook',
          type: 'runbook',
        },
      ],
    },
    spec: { type: 'service', owner: OWNER_GROUP },
    relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
  },
];

/** A user by ref, `service` for a backend plugin, nobody when absent. */
function header(who?: string) {
  if (who === 'service') {
    return mockCredentials.service.header();
  }
  return who ? mockCredentials.user.header(who) : mockCredentials.none.header();
}

describe('runbook routes', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({
        knex,
        entities,
        features: [urlReader.factory],
      });
      const api = (method: 'get' | 'post', path: string, who?: string) =>
        request(server)
          [method](`/api/reliability${path}`)
          .set('Authorization', header(who));
      return { knex, api };
    }

    it("refreshes an entity's runbooks for its owners only, recording who did it", async () => {
      const { knex, api } = await setup();
      const before = await api(
        'get',
        `/runbooks?entityRef=${ORDERS}`,
        NON_OWNER,
      );
      expect(before.body).toEqual({
        entityRef: ORDERS,
        configured: false,
        runbooks: [],
        problems: [],
        refreshedAt: null,
      });

      expect(
        (await api('post', `/runbooks/refresh?entityRef=${ORDERS}`)).status,
      ).toBe(401);
      const denied = await api(
        'post',
        `/runbooks/refresh?entityRef=${ORDERS}`,
        NON_OWNER,
      );
      expect(denied.status).toBe(403);

      const refreshed = await api(
        'post',
        `/runbooks/refresh?entityRef=${ORDERS}`,
        OWNER,
      );
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({
        entityRef: ORDERS,
        configured: true,
        refreshedAt: expect.any(String),
      });
      expect(refreshed.body.runbooks.map((r: any) => r.title)).toEqual([
        'Database connection pool exhaustion',
        'Roll back a bad checkout deployment',
        'Stuck orders',
      ]);
      expect(refreshed.body.problems).toEqual([
        expect.objectContaining({
          file: `${TREE}/broken.yaml`,
          field: 'severity',
          message: expect.stringContaining('unknown severity "urgent"'),
        }),
      ]);
      const audit = await knex('audit_log').where({
        action: 'runbooks.refresh',
      });
      expect(audit.map(row => [row.actor, row.entity_ref])).toEqual([
        [OWNER, ORDERS],
      ]);

      // Unknown entities: 404 (a service may refresh anything).
      const unknown = await api(
        'post',
        '/runbooks/refresh?entityRef=component:default/nope',
        'service',
      );
      expect(unknown.status).toBe(404);
    });

    it('searches the library with combined filters, and names bad filters', async () => {
      const { api } = await setup();
      await api('post', `/runbooks/refresh?entityRef=${ORDERS}`, OWNER).expect(
        200,
      );

      const byCommand = await api(
        'get',
        '/runbooks/library?q=pg_stat_activity',
        NON_OWNER,
      );
      expect(byCommand.status).toBe(200);
      expect(byCommand.body).toMatchObject({
        total: 1,
        items: [{ id: `${ORDERS}/db-connection-pool-exhaustion` }],
      });
      const byAlert = await api(
        'get',
        '/runbooks/library?alert=CheckoutErrorRateHigh&severity=sev1&tag=rollback&owner=payments-team&system=storefront',
        NON_OWNER,
      );
      expect(byAlert.body.items.map((r: any) => r.id)).toEqual([
        `${ORDERS}/checkout-rollback`,
      ]);
      const none = await api(
        'get',
        '/runbooks/library?alert=CheckoutErrorRateHigh&severity=SEV2',
        NON_OWNER,
      );
      expect(none.body).toEqual({ items: [], total: 0 });

      for (const [query, field] of [
        ['stale=maybe', 'stale'],
        ['severity=SEV9', 'severity'],
        ['limit=0', 'limit'],
        ['sort=owner', 'sort'],
        ['colour=red', 'colour'],
        ['owner=group:', 'owner'],
        ['validated=yesterday', 'validated'],
        ['validatedOverDays=0', 'validatedOverDays'],
        ['validatedOverDays=soon', 'validatedOverDays'],
        ['validatedOverDays=1.5', 'validatedOverDays'],
      ]) {
        const bad = await api('get', `/runbooks/library?${query}`, NON_OWNER);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain(field);
      }
      expect(
        (await api('get', '/runbooks/library?cursor=xyz', NON_OWNER)).status,
      ).toBe(400);
      expect((await api('get', '/runbooks', NON_OWNER)).status).toBe(400);
    });

    it('answers one runbook by its encoded id, and runbooks by alert', async () => {
      const { api } = await setup();
      await api('post', `/runbooks/refresh?entityRef=${ORDERS}`, OWNER).expect(
        200,
      );

      const id = `${ORDERS}/db-connection-pool-exhaustion`;
      const one = await api(
        'get',
        `/runbooks/${encodeURIComponent(id)}`,
        NON_OWNER,
      );
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        id,
        kind: 'structured',
        severity: 'SEV2',
        runbook: { steps: [{ title: 'Confirm pool saturation' }, {}, {}] },
      });
      const missing = await api(
        'get',
        `/runbooks/${encodeURIComponent(`${ORDERS}/nope`)}`,
        NON_OWNER,
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain(`${ORDERS}/nope`);

      const forAlert = await api(
        'get',
        `/runbooks/by-alert/CheckoutDBPoolSaturated?entityRef=${ORDERS}`,
        NON_OWNER,
      );
      expect(forAlert.body).toMatchObject({
        alertname: 'CheckoutDBPoolSaturated',
        runbooks: [{ id }],
      });
      const noRunbook = await api(
        'get',
        '/runbooks/by-alert/DiskFull',
        NON_OWNER,
      );
      expect(noRunbook.body).toEqual({ alertname: 'DiskFull', runbooks: [] });
    });

    it("adds runbooks to the entity summary, a group's from its components", async () => {
      const { api } = await setup();
      await api('post', `/runbooks/refresh?entityRef=${ORDERS}`, OWNER).expect(
        200,
      );
      await api('post', `/runbooks/refresh?entityRef=${BASKET}`, OWNER).expect(
        200,
      );

      const summary = await api(
        'get',
        `/entity-summary?entityRef=${ORDERS}`,
        NON_OWNER,
      );
      expect(summary.body.runbooks).toMatchObject({
        entityRef: ORDERS,
        configured: true,
        problems: [expect.objectContaining({ field: 'severity' })],
      });
      expect(summary.body.runbooks.runbooks).toHaveLength(3);

      const group = await api(
        'get',
        `/entity-summary?entityRef=${OWNER_GROUP}`,
        NON_OWNER,
      );
      expect(group.body.components).toContain(BASKET);
      expect(group.body.runbooks).toMatchObject({
        entityRef: OWNER_GROUP,
        configured: true,
        runbooks: [{ title: 'Basket runbook', entityRef: BASKET }],
      });
    });
  });
});
