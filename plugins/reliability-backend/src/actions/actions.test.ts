import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import request from 'supertest';
import { checkoutSchedule } from '../oncall/__testUtils__/testSchedules';
import { DB_POOL_YAML } from '../runbooks/__testUtils__/runbookFiles';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  recordingAuditor,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';
const TREE = 'https://git.example/acme/checkout/blob/main/runbooks';
const ACTIONS = '/api/reliability/.backstage/actions/v1/actions';

const urlReader = mockServices.urlReader.mock({
  readTree: async (url: string) => {
    if (url !== TREE) {
      throw new NotFoundError(`${url} not found`);
    }
    return {
      etag: 'v1',
      files: async () => [
        {
          path: 'db-pool.yaml',
          content: async () => Buffer.from(DB_POOL_YAML),
        },
      ],
    } as any;
  },
});

/** Checkout as in the demo: owned by its team, with runbooks in its repository. */
const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: { 'reliability-hub.io/runbooks': `url:${TREE}` },
  },
  spec: { type: 'service', owner: OWNER_GROUP },
  relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
};

describe('actions for AI assistants, over the actions registry', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const auditor = recordingAuditor();
      const { server } = await startReliabilityBackend({
        knex,
        entities: [checkout],
        // The policy lets mallory see checkout but not cart.
        hiddenFrom: { [NON_OWNER]: [CART] },
        features: [
          actionsRegistryServiceFactory,
          urlReader.factory,
          auditor.factory,
        ],
      });
      const list = (who: string) =>
        request(server)
          .get(ACTIONS)
          .set('Authorization', mockCredentials.user.header(who));
      const invoke = (id: string, input: object, who?: string) =>
        request(server)
          .post(`${ACTIONS}/${encodeURIComponent(id)}/invoke`)
          .set(
            'Authorization',
            who
              ? mockCredentials.user.header(who)
              : mockCredentials.none.header(),
          )
          .send(input);
      return { knex, api: apiClient(server), list, invoke, auditor };
    }

    it('lists the actions with their titles, attributes and input schemas', async () => {
      const { list } = await setup();
      const res = await list(NON_OWNER);
      expect(res.status).toBe(200);
      const actions = Object.fromEntries(
        res.body.actions.map((a: any) => [a.id, a]),
      );
      expect(
        Object.entries(actions).map(([id, a]: [string, any]) => [
          id,
          a.title,
          a.attributes,
        ]),
      ).toEqual([
        [
          'reliability:who-is-on-call',
          'Who is on call',
          { readOnly: true, destructive: false, idempotent: true },
        ],
        [
          'reliability:get-slo-status',
          'SLO status of a component',
          { readOnly: true, destructive: false, idempotent: true },
        ],
        [
          'reliability:find-runbooks',
          'Find runbooks',
          { readOnly: true, destructive: false, idempotent: true },
        ],
        [
          'reliability:list-open-incidents',
          'Open incidents',
          { readOnly: true, destructive: false, idempotent: true },
        ],
        [
          'reliability:declare-incident',
          'Declare an incident',
          { readOnly: false, destructive: false, idempotent: false },
        ],
        [
          'reliability:get-deploy-verdict',
          'May this component deploy now?',
          { readOnly: true, destructive: false, idempotent: true },
        ],
      ]);
      const declare = actions['reliability:declare-incident'];
      expect(declare.description).toContain('SEV1 (Critical');
      expect(declare.schema.input).toMatchObject({
        type: 'object',
        required: ['entityRef', 'title', 'severity'],
        additionalProperties: false,
      });
      expect(declare.schema.input.properties.severity.enum).toEqual([
        'SEV1',
        'SEV2',
        'SEV3',
        'SEV4',
      ]);
    });

    it('answers who is on call for checkout, now and next, with the escalation chain', async () => {
      const { api, invoke } = await setup();
      expect(
        (await api('post', '/schedules', OWNER).send(checkoutSchedule()))
          .status,
      ).toBe(201);

      const res = await invoke(
        'reliability:who-is-on-call',
        { entityRef: 'checkout', at: '2026-11-04T12:00:00Z' },
        NON_OWNER,
      );
      expect(res.status).toBe(200);
      expect(res.body.output).toEqual({
        entityRef: CHECKOUT,
        at: '2026-11-04T12:00:00.000Z',
        schedules: [
          {
            name: 'checkout-main',
            ownerRef: OWNER_GROUP,
            timeZone: 'Europe/Berlin',
            current: {
              user: 'user:default/lena.hoffmann',
              start: '2026-11-02T08:00:00.000Z',
              end: '2026-11-09T08:00:00.000Z',
            },
            next: {
              user: 'user:default/jonas.weber',
              start: '2026-11-09T08:00:00.000Z',
              end: '2026-11-16T08:00:00.000Z',
            },
            escalation: [
              {
                level: 1,
                delayMinutes: 0,
                schedule: 'checkout-main',
                user: 'user:default/lena.hoffmann',
              },
              // No team has a schedule of that name: it reaches nobody.
              { level: 2, delayMinutes: 10, schedule: 'sre-daily', user: null },
              { level: 3, delayMinutes: 20, user: 'user:default/priya.raman' },
            ],
          },
        ],
        problems: [],
        truncated: false,
      });

      const bySchedule = await invoke(
        'reliability:who-is-on-call',
        { schedule: 'checkout-main', at: '2026-11-10T12:00:00Z' },
        NON_OWNER,
      );
      expect(bySchedule.body.output.schedules[0].current.user).toBe(
        'user:default/jonas.weber',
      );
    });

    it('refuses bad input with the field it is about', async () => {
      const { invoke } = await setup();
      const badRef = await invoke(
        'reliability:get-slo-status',
        { entityRef: 'component:' },
        NON_OWNER,
      );
      expect(badRef.status).toBe(400);
      expect(badRef.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(
          'Invalid input to action "reliability:get-slo-status"',
        ),
      });
      const problems = (res: request.Response) =>
        res.body.error.cause.issues.map((issue: any) => [
          issue.path.join('.'),
          issue.message,
        ]);
      expect(problems(badRef)).toEqual([
        [
          'entityRef',
          "not an entity ref (expected component:namespace/name, or a component's name)",
        ],
      ]);

      const tooMany = await invoke(
        'reliability:list-open-incidents',
        { entityRef: 'checkout', limit: 10_000 },
        NON_OWNER,
      );
      expect(tooMany.status).toBe(400);
      expect(problems(tooMany)).toEqual([
        ['limit', 'Number must be less than or equal to 20'],
      ]);

      const neither = await invoke('reliability:who-is-on-call', {}, NON_OWNER);
      expect(neither.status).toBe(400);
      expect(neither.body.error.message).toContain('entityRef, schedule');

      const unknownSeverity = await invoke(
        'reliability:declare-incident',
        { entityRef: 'checkout', title: 'Down', severity: 'SEV9' },
        OWNER,
      );
      expect(unknownSeverity.status).toBe(400);
      expect(problems(unknownSeverity)).toEqual([
        [
          'severity',
          "Invalid enum value. Expected 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4', received 'SEV9'",
        ],
      ]);
    });

    it('reads only what the caller may see in the catalog', async () => {
      const { invoke } = await setup();
      const hidden = await invoke(
        'reliability:get-slo-status',
        { entityRef: 'cart' },
        NON_OWNER,
      );
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        `No entity ${CART} in the catalog`,
      );
      const missing = await invoke(
        'reliability:list-open-incidents',
        { entityRef: 'component:default/nowhere' },
        NON_OWNER,
      );
      expect(missing.status).toBe(404);

      const shown = await invoke(
        'reliability:get-slo-status',
        { entityRef: 'cart' },
        OWNER,
      );
      expect(shown.status).toBe(200);
      expect(shown.body.output).toMatchObject({
        entityRef: CART,
        configured: false,
        slos: [],
      });

      expect(
        (await invoke('reliability:get-slo-status', { entityRef: 'cart' }))
          .status,
      ).toBe(401);
    });

    it('answers the deploy gate for the caller, as CI gets it', async () => {
      const { invoke } = await setup();
      const verdict = await invoke(
        'reliability:get-deploy-verdict',
        { entityRef: 'cart', change: 'critical' },
        OWNER,
      );
      expect(verdict.status).toBe(200);
      expect(verdict.body.output).toMatchObject({
        entityRef: CART,
        change: 'critical',
        verdict: 'allowed',
        reason: expect.stringMatching(/^No SLOs: allowed, nothing to judge/i),
        tier: null,
        slos: [],
        approvers: [],
      });
      const hidden = await invoke(
        'reliability:get-deploy-verdict',
        { entityRef: 'cart' },
        NON_OWNER,
      );
      expect(hidden.status).toBe(404);
      const badChange = await invoke(
        'reliability:get-deploy-verdict',
        { entityRef: 'checkout', change: 'urgent' },
        OWNER,
      );
      expect(badChange.status).toBe(400);
      expect(badChange.body.error.message).toMatch(/change/);
    });

    it('finds the runbook for an alert and for a text, with its page', async () => {
      const { api, invoke } = await setup();
      expect(
        (await api('post', `/runbooks/refresh?entityRef=${CHECKOUT}`, OWNER))
          .status,
      ).toBe(200);
      const expected = {
        id: `${CHECKOUT}/db-connection-pool-exhaustion`,
        title: 'Database connection pool exhaustion',
        entityRef: CHECKOUT,
        alerts: ['CheckoutDBPoolSaturated', 'CheckoutHighLatencyP99'],
        link: `/reliability/runbooks/${encodeURIComponent(
          `${CHECKOUT}/db-connection-pool-exhaustion`,
        )}`,
      };

      const byAlert = await invoke(
        'reliability:find-runbooks',
        { alertname: 'checkoutdbpoolsaturated' },
        NON_OWNER,
      );
      expect(byAlert.status).toBe(200);
      expect(byAlert.body.output).toEqual({
        runbooks: [expect.objectContaining(expected)],
        truncated: false,
      });

      const byText = await invoke(
        'reliability:find-runbooks',
        { query: 'connection pool' },
        NON_OWNER,
      );
      expect(byText.body.output.runbooks).toEqual([
        expect.objectContaining(expected),
      ]);
    });

    it('declares an incident as the caller, checked and audited like the portal', async () => {
      const { api, invoke, knex, auditor } = await setup();
      const input = {
        entityRef: 'checkout',
        title: 'Checkout 5xx spike',
        severity: 'SEV2',
        summary: 'Card payments fail',
      };

      const refused = await invoke(
        'reliability:declare-incident',
        input,
        NON_OWNER,
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        `${NON_OWNER} may not create incident records of ${CHECKOUT}: only its owners can`,
      );
      expect(auditor.events).toEqual([
        expect.objectContaining({
          eventId: 'write-denied',
          status: 'failed',
          error: 'NotAllowedError',
          meta: expect.objectContaining({
            actor: NON_OWNER,
            action: 'reliability:declare-incident',
            entityRef: CHECKOUT,
          }),
        }),
      ]);

      const declared = await invoke(
        'reliability:declare-incident',
        input,
        OWNER,
      );
      expect(declared.status).toBe(200);
      expect(declared.body.output).toMatchObject({
        title: 'Checkout 5xx spike',
        entityRef: CHECKOUT,
        severity: 'SEV2',
        status: 'investigating',
        humanId: expect.stringMatching(/^INC-\d{8}-001$/),
      });
      const { id } = declared.body.output;

      const listed = await api(
        'get',
        `/incidents?entityRef=${CHECKOUT}`,
        NON_OWNER,
      );
      expect(listed.body.items.map((i: any) => [i.id, i.source])).toEqual([
        [id, 'portal'],
      ]);
      expect(
        (await knex('audit_log').where({ resource_id: id })).map(row => [
          row.actor,
          row.action,
        ]),
      ).toEqual([[OWNER, 'incident.create']]);
      expect(auditor.events.slice(1)).toEqual([
        expect.objectContaining({
          eventId: 'incident-create',
          status: 'succeeded',
          meta: {
            actor: OWNER,
            action: 'reliability:declare-incident',
            entityRef: CHECKOUT,
          },
        }),
      ]);

      // The team's open incidents: those of the components it owns.
      const open = await invoke(
        'reliability:list-open-incidents',
        { entityRef: OWNER_GROUP },
        NON_OWNER,
      );
      expect(open.status).toBe(200);
      expect(open.body.output).toEqual({
        entityRef: OWNER_GROUP,
        incidents: [expect.objectContaining({ id, status: 'investigating' })],
        truncated: false,
      });
    });
  });
});

/** The JSON-RPC answer of an MCP server over streamable HTTP (JSON or one SSE event). */
function mcpAnswer(res: request.Response): any {
  const text: string = res.body;
  const data = text.split('\n').find(line => line.startsWith('data: '));
  return JSON.parse(data ? data.slice('data: '.length) : text);
}

describe('actions for AI assistants, through the MCP actions backend', () => {
  const databases = TestDatabases.create();

  it('lists the actions as MCP tools and calls them as the signed-in user', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startReliabilityBackend({
      knex,
      entities: [checkout],
      config: { backend: { actions: { pluginSources: ['reliability'] } } },
      features: [
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        mcpActionsPlugin,
      ],
    });
    const api = apiClient(server);
    expect(
      (await api('post', '/schedules', OWNER).send(checkoutSchedule())).status,
    ).toBe(201);
    let id = 0;
    const mcp = (method: string, params: object, who: string) =>
      request(server)
        .post('/api/mcp-actions/v1')
        .set('Authorization', mockCredentials.user.header(who))
        .set('Accept', 'application/json, text/event-stream')
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', chunk => {
            text += chunk;
          });
          res.on('end', () => done(null, text));
        })
        .send({ jsonrpc: '2.0', id: ++id, method, params });

    const listed = mcpAnswer(await mcp('tools/list', {}, NON_OWNER));
    expect(
      listed.result.tools.map((tool: any) => [
        tool.name,
        tool.annotations.title,
        tool.annotations.readOnlyHint,
      ]),
    ).toEqual([
      ['reliability.who-is-on-call', 'Who is on call', true],
      ['reliability.get-slo-status', 'SLO status of a component', true],
      ['reliability.find-runbooks', 'Find runbooks', true],
      ['reliability.list-open-incidents', 'Open incidents', true],
      ['reliability.declare-incident', 'Declare an incident', false],
      [
        'reliability.get-deploy-verdict',
        'May this component deploy now?',
        true,
      ],
    ]);

    const onCall = mcpAnswer(
      await mcp(
        'tools/call',
        {
          name: 'reliability.who-is-on-call',
          arguments: { entityRef: 'checkout', at: '2026-11-04T12:00:00Z' },
        },
        NON_OWNER,
      ),
    );
    expect(onCall.result.isError).toBeFalsy();
    const answer = JSON.parse(onCall.result.content[0].text);
    expect(answer.schedules[0]).toMatchObject({
      name: 'checkout-main',
      current: { user: 'user:default/lena.hoffmann' },
      next: { user: 'user:default/jonas.weber' },
    });

    // Through the assistant as through the portal: only owners may declare.
    const refused = mcpAnswer(
      await mcp(
        'tools/call',
        {
          name: 'reliability.declare-incident',
          arguments: { entityRef: 'checkout', title: 'Down', severity: 'SEV1' },
        },
        NON_OWNER,
      ),
    );
    expect(JSON.stringify(refused)).toContain(
      `${NON_OWNER} may not create incident records`,
    );
    const declared = mcpAnswer(
      await mcp(
        'tools/call',
        {
          name: 'reliability.declare-incident',
          arguments: { entityRef: 'checkout', title: 'Down', severity: 'SEV1' },
        },
        OWNER,
      ),
    );
    expect(declared.result.isError).toBeFalsy();
    const incident = JSON.parse(declared.result.content[0].text);
    const listedIncidents = await api(
      'get',
      `/incidents?entityRef=${CHECKOUT}`,
      NON_OWNER,
    );
    expect(listedIncidents.body.items.map((i: any) => i.id)).toEqual([
      incident.id,
    ]);
    expect(
      (await knex('audit_log').where({ resource_id: incident.id })).map(
        row => row.actor,
      ),
    ).toEqual([OWNER]);
  });
});
