import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_ERROR_BUDGET_POLICY,
  EntitySlos,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import { IncidentStore } from '../incidents/IncidentStore';
import { DeployExceptionStore } from './DeployExceptionStore';
import { DeployGateService } from './DeployGateService';

const CHECKOUT = 'component:default/checkout';
const HIDDEN_FROM = 'user:default/mallory';
const NOW = new Date('2026-12-07T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

function status(name: string, consumed: number): SloStatus {
  const index = DEFAULT_ERROR_BUDGET_POLICY.findIndex(
    t =>
      consumed >= t.minConsumed &&
      (t.maxConsumed === undefined || consumed < t.maxConsumed),
  );
  return {
    id: `${CHECKOUT}/${name}/0`,
    entityRef: CHECKOUT,
    sloName: name,
    displayName: name,
    target: 0.999,
    budgetingMethod: 'Occurrences',
    timeWindow: { duration: '28d', rolling: true },
    sourceType: 'push',
    definition: { file: 'openslo.yaml', documentIndex: 0 },
    state: 'ok',
    evaluatedAt: NOW.toISOString(),
    window: {
      start: new Date(NOW.getTime() - 28 * DAY).toISOString(),
      end: NOW.toISOString(),
    },
    good: 999,
    total: 1000,
    sli: 0.999,
    budget: {
      totalMinutes: 40.32,
      totalEvents: 1,
      consumedFraction: consumed,
      remainingFraction: 1 - consumed,
      remainingMinutes: 40.32 * (1 - consumed),
    },
    burnRates: { '1h': 0 },
    alert: { state: 'ok', rule: null },
    forecast: { exhaustionAt: null, remainingIn24h: null, remainingIn7d: null },
    tier: { ...DEFAULT_ERROR_BUDGET_POLICY[index], index },
  } as SloStatus;
}

function service(slos: SloStatus[]) {
  const entitySlos: EntitySlos = {
    entityRef: CHECKOUT,
    configured: true,
    slos,
    problems: [],
    definitionsReadAt: NOW.toISOString(),
  };
  // A catalog whose policy hides checkout from one user.
  const catalog = {
    async getEntityByRef(ref: string, { credentials }: any) {
      if (ref !== CHECKOUT) return undefined;
      if (credentials.principal.userEntityRef === HIDDEN_FROM) return undefined;
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'checkout' },
        spec: { owner: 'user:default/lena.hoffmann' },
      };
    },
    async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
      return {
        items: entityRefs.map(() => ({
          kind: 'User',
          metadata: { name: 'lena.hoffmann' },
          spec: { profile: { displayName: 'Lena Hoffmann' } },
        })),
      };
    },
  } as unknown as CatalogService;
  return DeployGateService.create({
    slos: { forEntity: async () => entitySlos },
    incidents: {
      listIncidents: async () => ({ items: [] }),
    } as unknown as IncidentStore,
    exceptions: {
      listActive: async () => [],
    } as unknown as DeployExceptionStore,
    catalog,
    auth: {} as any,
    tiers: DEFAULT_ERROR_BUDGET_POLICY,
    config: {
      rules: {},
      approvers: { 'Freeze non-critical deployments': ['owner-lead'] },
    },
    severityOrder: ['SEV1', 'SEV2', 'SEV3', 'SEV4'],
    now: () => NOW,
  });
}

describe('DeployGateService', () => {
  it('answers a hidden entity exactly as an unknown one', async () => {
    const gate = service([status('availability', 0.8)]);
    const hidden = gate.verdict({
      entityRef: CHECKOUT,
      change: 'standard',
      credentials: mockCredentials.user(HIDDEN_FROM),
    });
    await expect(hidden).rejects.toThrow(
      `No entity ${CHECKOUT} in the catalog`,
    );
    await expect(hidden).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('lets the worst tier decide, naming only the SLOs that gave the verdict', async () => {
    const gate = service([
      status('latency', 0.6),
      status('availability', 0.8),
      status('errors', 0.1),
    ]);
    const credentials = mockCredentials.user('user:default/jonas.weber');
    const { standard, critical } = await gate.verdicts({
      entityRef: CHECKOUT,
      credentials,
    });
    expect(standard).toMatchObject({
      verdict: 'blocked',
      tier: { name: 'Freeze non-critical deployments' },
      slos: [{ sloName: 'availability' }],
      approvers: [
        {
          userRef: 'user:default/lena.hoffmann',
          displayName: 'Lena Hoffmann',
          role: 'owner',
        },
      ],
    });
    expect(standard.slos).toHaveLength(1);
    // Fixes are allowed with conditions by both burning SLOs: the one
    // furthest into the policy first, and the budget must come back below
    // 50 % on both.
    expect(critical).toMatchObject({
      verdict: 'allowed-with-conditions',
      tier: { name: 'Freeze non-critical deployments' },
      slos: [{ sloName: 'availability' }, { sloName: 'latency' }],
      recoveryBelow: 0.5,
    });
    // Not burning: 0.8·e^(−t/28d) < 0.5 after 28·ln(1.6) ≈ 13.2 days.
    const days = (Date.parse(critical.recoveryAt!) - NOW.getTime()) / DAY;
    expect(days).toBeCloseTo(28 * Math.log(0.8 / 0.5), 3);
  });
});
