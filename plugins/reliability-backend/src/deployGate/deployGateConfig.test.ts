import { mockServices } from '@backstage/backend-test-utils';
import { JsonValue } from '@backstage/types';
import { DEFAULT_ERROR_BUDGET_POLICY } from '@reliability-hub/plugin-reliability-common';
import { readDeployGateConfig } from './deployGateConfig';

const read = (tiers: JsonValue) =>
  readDeployGateConfig(
    mockServices.rootConfig({
      data: { reliability: { slo: { policy: { deployGate: { tiers } } } } },
    }),
    DEFAULT_ERROR_BUDGET_POLICY,
  );

describe('readDeployGateConfig', () => {
  it('lets the owner group lead approve where the policy names an approver', () => {
    const config = readDeployGateConfig(
      mockServices.rootConfig({ data: {} }),
      DEFAULT_ERROR_BUDGET_POLICY,
    );
    expect(config.rules).toEqual({});
    expect(config.approvers).toEqual({
      'Deployment slowdown': ['owner-lead'],
      'Freeze non-critical deployments': ['owner-lead'],
      'Full deployment freeze': ['owner-lead'],
      'Budget exhausted': ['owner-lead'],
    });
  });

  it('reads verdicts and approvers per tier', () => {
    const config = read([
      {
        tier: 'Full deployment freeze',
        critical: 'allowed-with-conditions',
        approvers: ['owner-lead', 'group:default/SRE'],
      },
    ]);
    expect(config.rules).toEqual({
      'Full deployment freeze': { critical: 'allowed-with-conditions' },
    });
    expect(config.approvers['Full deployment freeze']).toEqual([
      'owner-lead',
      'group:default/sre',
    ]);
  });

  it.each`
    tiers                                                                 | problem
    ${[{ tier: 'Frozen' }]}                                               | ${/tiers\[0\]\.tier: "Frozen" is not a tier/}
    ${[{ tier: 'Budget exhausted', standard: 'maybe' }]}                  | ${/tiers\[0\]\.standard: "maybe" is not a verdict/}
    ${[{ tier: 'Budget exhausted', approvers: ['component:default/x'] }]} | ${/tiers\[0\]\.approvers\[0\]: "component:default\/x" is neither/}
  `('names the key of $problem', ({ tiers, problem }) => {
    expect(() => read(tiers)).toThrow(problem);
    expect(() => read(tiers)).toThrow(/reliability\.slo\.policy\.deployGate/);
  });
});
