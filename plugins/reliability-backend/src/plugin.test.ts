import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { reliabilitySliSourcesExtensionPoint } from '@reliability-hub/plugin-reliability-node';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';

const catalog = catalogServiceMock.factory({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout' },
      spec: { type: 'service', owner: 'group:default/team-checkout' },
    },
  ],
});

/** The catalog of the demo records' components (the plugin shows records only of entities the catalog has). */
const demoCatalog = catalogServiceMock.factory({
  entities: [
    'checkout',
    'cart',
    'catalog-search',
    'payments-api',
    'ledger',
    'fraud-detector',
  ].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name },
    spec: { type: 'service', owner: 'group:default/team-checkout' },
  })),
});

const demoConfig = mockServices.rootConfig.factory({
  data: { reliability: { demoData: { enabled: true } } },
});

describe('reliability backend plugin', () => {
  it('answers health without a token and lists the SLI sources modules added', async () => {
    const sliModule = createBackendModule({
      pluginId: 'reliability',
      moduleId: 'test-source',
      register(reg) {
        reg.registerInit({
          deps: { sources: reliabilitySliSourcesExtensionPoint },
          async init({ sources }) {
            sources.addSliSource({
              type: 'Datadog',
              query: async () => [],
            });
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [reliabilityPlugin, catalog, sliModule],
    });

    const res = await request(server)
      .get('/api/reliability/health')
      .set('authorization', mockCredentials.none.header());

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'ok',
      // The built-in push source is always there.
      sliSources: ['Datadog', 'push'],
    });
  });

  it.each([
    '/entity-summary?entityRef=component:default/checkout',
    '/incidents',
  ])('answers 401 to %s without a token', async path => {
    const { server } = await startTestBackend({
      features: [reliabilityPlugin, catalog],
    });
    const res = await request(server)
      .get(`/api/reliability${path}`)
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('serves the seeded demo incidents in the entity summary', async () => {
    const { server } = await startTestBackend({
      features: [reliabilityPlugin, catalog, demoConfig],
    });

    const res = await request(server).get(
      '/api/reliability/entity-summary?entityRef=Component:default/Checkout',
    );

    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/checkout');
    expect(res.body.incidents.recent.map((i: any) => i.title)).toContain(
      'Checkout API errors: database connection pool exhausted',
    );
    expect(res.body.incidents.last90Days).toEqual(
      expect.arrayContaining([{ severity: 'SEV2', count: 1 }]),
    );
  });

  it('aggregates the components of a group or a system', async () => {
    const component = (name: string, owner: string, system: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name },
      spec: { type: 'service', owner, system },
      relations: [
        { type: 'ownedBy', targetRef: owner },
        { type: 'partOf', targetRef: system },
      ],
    });
    const { server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        demoConfig,
        catalogServiceMock.factory({
          entities: [
            component(
              'checkout',
              'group:default/team-checkout',
              'system:default/storefront',
            ),
            component(
              'cart',
              'group:default/team-checkout',
              'system:default/storefront',
            ),
            component(
              'payments-api',
              'group:default/team-payments',
              'system:default/payments',
            ),
            component(
              'fraud-detector',
              'group:default/team-payments',
              'system:default/payments',
            ),
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'team-checkout' },
              spec: { type: 'team', children: [] },
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'System',
              metadata: { name: 'payments' },
              spec: { owner: 'group:default/team-payments' },
            },
          ],
        }),
      ],
    });
    const summary = async (entityRef: string) =>
      (
        await request(server).get(
          `/api/reliability/entity-summary?entityRef=${entityRef}`,
        )
      ).body;

    const team = await summary('group:default/team-checkout');
    expect(team.components).toEqual([
      'component:default/cart',
      'component:default/checkout',
    ]);
    const checkout = await summary('component:default/checkout');
    const cart = await summary('component:default/cart');
    const last90 = (s: any) =>
      s.incidents.last90Days.reduce((n: number, c: any) => n + c.count, 0);
    expect(last90(team)).toBe(last90(checkout) + last90(cart));
    expect(team.actionItems.openCount).toBe(checkout.actionItems.openCount);

    const payments = await summary('system:default/payments');
    expect(payments.components).toEqual([
      'component:default/fraud-detector',
      'component:default/payments-api',
    ]);
    expect(payments.incidents.openCount).toBe(1);
    expect(checkout.components).toBeUndefined();
  });

  it('pages through incidents with the cursor and filters by status', async () => {
    const { server } = await startTestBackend({
      features: [reliabilityPlugin, demoCatalog, demoConfig],
    });

    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await request(server)
        .get('/api/reliability/incidents')
        .query({ limit: 10, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      res.body.items.forEach((i: { id: string }) => seen.add(i.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);

    expect(seen.size).toBe(29);
    expect(pages).toBe(3);

    const open = await request(server).get(
      '/api/reliability/incidents?status=open',
    );
    expect(open.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/fraud-detector',
    ]);
  });

  it('returns one incident with its timeline, and 404 for an unknown id', async () => {
    const { server } = await startTestBackend({
      features: [reliabilityPlugin, catalog, demoConfig],
    });
    const list = await request(server).get(
      '/api/reliability/incidents?entityRef=component:default/checkout&severity=SEV2&drill=false',
    );
    expect(list.body.items).toHaveLength(1);

    const res = await request(server).get(
      `/api/reliability/incidents/${list.body.items[0].id}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.timeline.map((e: any) => e.type)).toEqual([
      'alert_firing',
      'status_change',
      'note',
      'status_change',
      'status_change',
      'alert_resolved',
      'status_change',
    ]);

    const missing = await request(server).get(
      '/api/reliability/incidents/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
  });

  it.each([
    ['/entity-summary', /entityRef/],
    ['/entity-summary?entityRef=checkout', /entityRef: not an entity ref/],
    ['/incidents?limit=1000', /limit/],
    ['/incidents?status=closed', /status/],
    ['/incidents?from=yesterday', /from/],
    ['/incidents?cursor=garbage', /Invalid cursor/],
    ['/incidents?colour=red', /colour/],
    ['/incidents/not-a-uuid', /id/],
  ])('answers 400 naming the problem for %s', async (path, message) => {
    const { server } = await startTestBackend({
      features: [reliabilityPlugin, catalog],
    });
    const res = await request(server).get(`/api/reliability${path}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('serves the Alertmanager webhook to callers with the secret, not a Backstage token', async () => {
    const { server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalog,
        mockServices.rootConfig.factory({
          data: { reliability: { alertmanager: { webhookSecret: 's3cret' } } },
        }),
      ],
    });
    const payload = {
      version: '4',
      status: 'firing',
      receiver: 'reliability-hub',
      groupKey: '{}:{alertname="HighErrorRate"}',
      groupLabels: { alertname: 'HighErrorRate' },
      commonLabels: {
        alertname: 'HighErrorRate',
        service: 'nothing-maps-here',
      },
      commonAnnotations: {},
      externalURL: 'http://alertmanager:9093',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'HighErrorRate', service: 'nothing-maps-here' },
          annotations: {},
          startsAt: '2026-11-22T10:00:00Z',
          endsAt: '0001-01-01T00:00:00Z',
          fingerprint: 'a1b2c3d4e5f60718',
        },
      ],
    };
    const post = (auth?: string) => {
      const req = request(server)
        .post('/api/reliability/webhooks/alertmanager')
        .set('authorization', mockCredentials.none.header());
      return (auth ? req.set('authorization', auth) : req).send(payload);
    };

    expect((await post()).status).toBe(401);
    expect((await post('Bearer wrong')).status).toBe(401);
    const ok = await post('Bearer s3cret');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ incidents: [], unmatchedAlerts: 1 });
  });

  it('registers its permissions with the permission system', async () => {
    const { server } = await startTestBackend({
      features: [reliabilityPlugin, catalog],
    });
    const res = await request(server).get(
      '/api/reliability/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: any) => p.name)).toEqual([
      'reliability.incident.create',
      'reliability.incident.update',
      'reliability.incident.note',
      'reliability.postmortem.create',
      'reliability.postmortem.update',
      'reliability.actionItem.create',
      'reliability.actionItem.update',
      'reliability.schedule.create',
      'reliability.schedule.update',
      'reliability.sliSample.create',
      'reliability.definitions.refresh',
    ]);
    expect(res.body.rules.map((r: any) => r.name)).toEqual(['IS_ENTITY_OWNER']);
  });
});
