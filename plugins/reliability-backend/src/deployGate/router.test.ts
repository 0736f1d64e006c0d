import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import {
  DEFAULT_ERROR_BUDGET_POLICY,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import request from 'supertest';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import {
  paymentsEntity,
  TEST_OPENSLO,
  TEST_OPENSLO_URL,
  textResponse,
} from '../slo/__testUtils__/sloFixtures';
import { DatabaseSloStore } from '../slo/store/DatabaseSloStore';
import {
  ADMIN,
  apiClient,
  NON_OWNER,
  recordingAuditor,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';

jest.setTimeout(60_000);

const PAYMENTS = 'component:default/payments';
const LEAD = 'user:default/anna.kowalska';
const TEAM = 'group:default/team-payments';
const DAY = 24 * 60 * 60 * 1000;

const entities = [
  paymentsEntity(TEAM),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'team-payments',
      annotations: { 'reliability-hub.io/team-lead': 'anna.kowalska' },
    },
    spec: { type: 'team', profile: { displayName: 'Team Payments' } },
    relations: [{ type: 'hasMember', targetRef: LEAD }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sre' },
    spec: { type: 'team', profile: { displayName: 'SRE' } },
    relations: [{ type: 'hasMember', targetRef: ADMIN }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'anna.kowalska' },
    spec: { profile: { displayName: 'Anna Kowalska' } },
  },
];

const reliabilityConfig = {
  slo: {
    policy: {
      deployGate: {
        tiers: [
          {
            tier: 'Freeze non-critical deployments',
            approvers: ['owner-lead', 'group:default/sre'],
          },
        ],
      },
    },
  },
};

describe('deploy gate routes', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const urlReader = mockServices.urlReader.mock({
        readUrl: async (url: string) => {
          if (url === TEST_OPENSLO_URL) {
            return textResponse(TEST_OPENSLO) as any;
          }
          throw new NotFoundError(`${url} does not exist`);
        },
      });
      const auditor = recordingAuditor();
      const { server } = await startReliabilityBackend({
        knex,
        entities,
        features: [urlReader.factory, auditor.factory],
        reliabilityConfig,
      });
      const api = apiClient(server);
      return { knex, api, server, audited: auditor.events };
    }

    /** Stores figures for payments' availability SLO, as an evaluation would. */
    async function spend(
      setupResult: Awaited<ReturnType<typeof setup>>,
      consumed: number,
      burnRate1h = 0,
    ) {
      const { api, knex } = setupResult;
      const read = await api('get', `/slos?entityRef=${PAYMENTS}`, LEAD);
      const slo: SloStatus = read.body.slos.find(
        (s: SloStatus) => s.sloName === 'payments-availability',
      );
      const now = Date.now();
      const index = DEFAULT_ERROR_BUDGET_POLICY.findIndex(
        t =>
          consumed >= t.minConsumed &&
          (t.maxConsumed === undefined || consumed < t.maxConsumed),
      );
      await DatabaseSloStore.create({ knex }).writeEvaluations([
        {
          ...slo,
          state: 'ok',
          evaluatedAt: new Date(now).toISOString(),
          window: {
            start: new Date(now - 28 * DAY).toISOString(),
            end: new Date(now).toISOString(),
          },
          good: 1000,
          total: 1000,
          sli: 1 - consumed * 0.001,
          budget: {
            ...slo.budget,
            totalEvents: 1,
            consumedFraction: consumed,
            remainingFraction: 1 - consumed,
            remainingMinutes: 40.32 * (1 - consumed),
          },
          burnRates: { '1h': burnRate1h, '6h': burnRate1h },
          tier: { ...DEFAULT_ERROR_BUDGET_POLICY[index], index },
        },
      ]);
    }

    const gate = (change = 'standard') =>
      `/deploy-gate?entityRef=${PAYMENTS}&change=${change}`;

    it('answers 400 naming the field for an unknown change class or a malformed ref', async () => {
      const { api } = await setup();
      const hotfix = await api('get', gate('hotfix'), LEAD);
      expect(hotfix.status).toBe(400);
      expect(hotfix.body.error.message).toMatch(/change: must be standard/);
      const bad = await api(
        'get',
        '/deploy-gate?entityRef=component:&change=standard',
        LEAD,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/entityRef/);
    });

    it('answers 404 for an entity the catalog does not have', async () => {
      const { api } = await setup();
      const res = await api(
        'get',
        '/deploy-gate?entityRef=component:default/nope&change=standard',
        LEAD,
      );
      expect(res.status).toBe(404);
    });

    it('allows an entity without SLOs, with nothing to judge', async () => {
      const { api } = await setup();
      const res = await api(
        'get',
        '/deploy-gate?entityRef=component:default/checkout',
        LEAD,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        verdict: 'allowed',
        reason: 'no SLOs: allowed, nothing to judge',
        tier: null,
      });
    });

    it('blocks features and lets fixes out under conditions at 80 % consumed, naming the SLO, incidents, recovery and approvers', async () => {
      const setupResult = await setup();
      const { api, knex } = setupResult;
      const incidents = DatabaseIncidentStore.create({ knex });
      const base = {
        entityRef: PAYMENTS,
        status: 'resolved' as const,
        source: 'portal' as const,
      };
      await incidents.createIncident(
        {
          ...base,
          title: 'Slow refunds',
          severity: 'SEV3',
          startedAt: new Date(Date.now() - 2 * DAY),
          resolvedAt: new Date(Date.now() - 2 * DAY + 3_600_000),
        },
        [],
        LEAD,
      );
      await incidents.createIncident(
        {
          ...base,
          title: 'Pool exhausted',
          severity: 'SEV2',
          startedAt: new Date(Date.now() - 5 * DAY),
          resolvedAt: new Date(Date.now() - 5 * DAY + 3_600_000),
        },
        [],
        LEAD,
      );
      await incidents.createIncident(
        {
          ...base,
          title: 'Before the window',
          severity: 'SEV1',
          startedAt: new Date(Date.now() - 40 * DAY),
          resolvedAt: new Date(Date.now() - 40 * DAY + 3_600_000),
        },
        [],
        LEAD,
      );
      await spend(setupResult, 0.8);

      const standard = await api('get', gate(), NON_OWNER);
      expect(standard.status).toBe(200);
      expect(standard.body).toMatchObject({
        entityRef: PAYMENTS,
        change: 'standard',
        verdict: 'blocked',
        tier: { name: 'Freeze non-critical deployments', index: 3 },
        slos: [
          {
            sloName: 'payments-availability',
            consumedFraction: 0.8,
            verdict: 'blocked',
          },
        ],
        incidents: [
          { title: 'Pool exhausted', severity: 'SEV2' },
          { title: 'Slow refunds', severity: 'SEV3' },
        ],
        recoveryBelow: 0.75,
        approvers: [
          {
            userRef: LEAD,
            displayName: 'Anna Kowalska',
            role: 'team lead of Team Payments',
          },
          { userRef: ADMIN, role: 'member of SRE' },
        ],
        exceptions: [],
      });
      expect(standard.body.incidents).toHaveLength(2);
      expect(standard.body.reason).toMatch(
        /^Feature deploys blocked: payments-availability has used 80 % of its error budget \(Freeze non-critical deployments\)\. Only bug fixes/,
      );
      // Not burning: the old errors age out of the 28-day window in ~1.8 days.
      const back = Date.parse(standard.body.recoveryAt) - Date.now();
      expect(back / DAY).toBeGreaterThan(1.7);
      expect(back / DAY).toBeLessThan(1.9);

      const critical = await api('get', gate('critical'), NON_OWNER);
      expect(critical.body).toMatchObject({
        verdict: 'allowed-with-conditions',
        recoveryBelow: 0.5,
      });
      expect(critical.body.reason).toMatch(
        /^Bug fixes, security patches and reliability work allowed with conditions/,
      );
    });

    it('says the budget does not come back at the current burn', async () => {
      const setupResult = await setup();
      await spend(setupResult, 0.9, 2);
      const res = await setupResult.api('get', gate('critical'), LEAD);
      expect(res.body).toMatchObject({
        verdict: 'blocked',
        tier: { name: 'Full deployment freeze' },
        recoveryAt: null,
        recoveryNote: 'not at the current burn',
      });
      expect(res.body.reason).toMatch(/not at the current burn/);
    });

    it('lets CI read the verdict with service credentials, but not grant exceptions', async () => {
      const setupResult = await setup();
      await spend(setupResult, 0.8);
      const read = await request(setupResult.server)
        .get(`/api/reliability${gate()}`)
        .set('Authorization', mockCredentials.service.header());
      expect(read.status).toBe(200);
      expect(read.body.verdict).toBe('blocked');
      const grant = await request(setupResult.server)
        .post('/api/reliability/deploy-gate/exceptions')
        .set('Authorization', mockCredentials.service.header())
        .send({
          entityRef: PAYMENTS,
          change: 'standard',
          until: new Date(Date.now() + DAY).toISOString(),
          reason: 'Release train',
        });
      expect(grant.status).toBe(403);
      const anonymous = await setupResult.api('get', gate());
      expect(anonymous.status).toBe(401);
    });

    it('refuses and audits exceptions from someone not named as approver', async () => {
      const setupResult = await setup();
      const { api, audited, knex } = setupResult;
      await spend(setupResult, 0.8);
      const res = await api('post', '/deploy-gate/exceptions', NON_OWNER).send({
        entityRef: PAYMENTS,
        change: 'standard',
        until: new Date(Date.now() + DAY).toISOString(),
        reason: 'Black Friday banner',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        `${NON_OWNER} may not grant an exception in Freeze non-critical deployments: only Anna Kowalska (team lead of Team Payments), ${ADMIN.replace(
          'user:default/',
          '',
        )} (member of SRE) may`,
      );
      expect(audited).toContainEqual({
        eventId: 'deploy-exception-grant',
        status: 'failed',
        actor: NON_OWNER,
        meta: expect.objectContaining({ entityRef: PAYMENTS }),
        error: 'NotAllowedError',
      });
      expect(await knex('deploy_exceptions')).toEqual([]);
      const after = await api('get', gate(), NON_OWNER);
      expect(after.body.verdict).toBe('blocked');
    });

    it('checks until and reason of an exception, naming the field', async () => {
      const setupResult = await setup();
      await spend(setupResult, 0.8);
      const post = (body: object) =>
        setupResult
          .api('post', '/deploy-gate/exceptions', LEAD)
          .send({ entityRef: PAYMENTS, change: 'standard', ...body });
      const far = await post({
        until: new Date(Date.now() + 15 * DAY).toISOString(),
        reason: 'Long',
      });
      expect(far.status).toBe(400);
      expect(far.body.error.message).toMatch(/until must be at most 14 days/);
      const past = await post({
        until: new Date(Date.now() - DAY).toISOString(),
        reason: 'Late',
      });
      expect(past.status).toBe(400);
      expect(past.body.error.message).toMatch(/until must lie in the future/);
      const noReason = await post({
        until: new Date(Date.now() + DAY).toISOString(),
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toMatch(/reason/);
    });

    it('answers 409 when the change class needs no exception', async () => {
      const setupResult = await setup();
      await spend(setupResult, 0.3);
      const res = await setupResult
        .api('post', '/deploy-gate/exceptions', LEAD)
        .send({
          entityRef: PAYMENTS,
          change: 'standard',
          until: new Date(Date.now() + DAY).toISOString(),
          reason: 'Just in case',
        });
      expect(res.status).toBe(409);
    });

    it("turns blocked into allowed with conditions by an approver's exception, until withdrawn", async () => {
      const setupResult = await setup();
      const { api, audited, knex } = setupResult;
      await spend(setupResult, 0.8);
      const until = new Date(Date.now() + 2 * DAY);
      const granted = await api('post', '/deploy-gate/exceptions', LEAD).send({
        entityRef: PAYMENTS,
        change: 'standard',
        until: until.toISOString(),
        reason: 'Checkout banner for the sale',
      });
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({
        entityRef: PAYMENTS,
        change: 'standard',
        grantedBy: LEAD,
        grantedByName: 'Anna Kowalska',
        reason: 'Checkout banner for the sale',
      });
      expect(audited).toContainEqual(
        expect.objectContaining({
          eventId: 'deploy-exception-grant',
          status: 'succeeded',
          actor: LEAD,
        }),
      );
      expect(
        await knex('audit_log').where({ action: 'deploy-exception.create' }),
      ).toHaveLength(1);

      const standard = await api('get', gate(), NON_OWNER);
      expect(standard.body).toMatchObject({
        verdict: 'allowed-with-conditions',
        tier: { name: 'Freeze non-critical deployments' },
        exceptions: [{ id: granted.body.id, grantedByName: 'Anna Kowalska' }],
      });
      expect(standard.body.reason).toContain(
        `Feature deploys allowed with conditions: approved by Anna Kowalska until ${until
          .toISOString()
          .slice(0, 10)}`,
      );
      expect(standard.body.reason).toContain('Checkout banner for the sale');
      // Only the class it was granted for.
      const critical = await api('get', gate('critical'), NON_OWNER);
      expect(critical.body.exceptions).toEqual([]);

      const stranger = await api(
        'delete',
        `/deploy-gate/exceptions/${granted.body.id}`,
        NON_OWNER,
      );
      expect(stranger.status).toBe(403);
      expect(stranger.body.error.message).toMatch(/who granted it/);
      const withdrawn = await api(
        'delete',
        `/deploy-gate/exceptions/${granted.body.id}`,
        ADMIN,
      );
      expect(withdrawn.status).toBe(204);
      expect((await api('get', gate(), NON_OWNER)).body).toMatchObject({
        verdict: 'blocked',
        exceptions: [],
      });
      const again = await api(
        'delete',
        `/deploy-gate/exceptions/${granted.body.id}`,
        ADMIN,
      );
      expect(again.status).toBe(404);
    });

    it('carries both verdicts in the entity summary', async () => {
      const setupResult = await setup();
      await spend(setupResult, 0.8);
      const res = await setupResult.api(
        'get',
        `/entity-summary?entityRef=${PAYMENTS}`,
        NON_OWNER,
      );
      expect(res.status).toBe(200);
      expect(res.body.deployGate).toMatchObject({
        standard: { verdict: 'blocked' },
        critical: { verdict: 'allowed-with-conditions' },
      });
    });
  });
});
