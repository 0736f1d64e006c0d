import {
  DeployVerdict,
  EntityDeployVerdicts,
} from '@reliability-hub/plugin-reliability-common';
import { deployVerdictText } from './deployVerdictText';

const FREEZE = {
  name: 'Freeze non-critical deployments',
  action: 'Only bug fixes, security patches and reliability work go out.',
  minConsumed: 0.75,
  maxConsumed: 0.85,
  index: 3,
};

const base = (over: Partial<DeployVerdict>): DeployVerdict => ({
  entityRef: 'component:default/checkout',
  change: 'standard',
  verdict: 'allowed',
  reason: '',
  tier: null,
  slos: [],
  incidents: [],
  recoveryAt: null,
  recoveryBelow: null,
  approvers: [],
  exceptions: [],
  ...over,
});

const slo = {
  id: 'component:default/checkout/checkout-availability/0',
  sloName: 'checkout-availability',
  displayName: 'Checkout availability',
  consumedFraction: 0.8,
  tier: FREEZE,
  verdict: 'blocked' as const,
};

describe('deployVerdictText', () => {
  it('says deploys are allowed when nothing holds them back', () => {
    const text = deployVerdictText({
      standard: base({}),
      critical: base({ change: 'critical' }),
    });
    expect(text).toEqual({
      worst: 'allowed',
      headline: 'Deploys allowed.',
      details: [],
      gated: undefined,
    });
  });

  it('names the SLO, its budget and tier, what may still go out, when the budget is back and who may grant exceptions', () => {
    const verdicts: EntityDeployVerdicts = {
      standard: base({
        verdict: 'blocked',
        tier: FREEZE,
        slos: [slo],
        recoveryAt: '2026-12-12T09:00:00Z',
        recoveryBelow: 0.75,
        approvers: [
          {
            userRef: 'user:default/lena.hoffmann',
            displayName: 'Lena Hoffmann',
            role: 'team lead of Team Checkout',
          },
        ],
      }),
      critical: base({
        change: 'critical',
        verdict: 'allowed-with-conditions',
        tier: FREEZE,
        slos: [{ ...slo, verdict: 'allowed-with-conditions' }],
        recoveryBelow: 0.5,
      }),
    };
    const text = deployVerdictText(verdicts, { timeZone: 'UTC' });
    expect(text.worst).toBe('blocked');
    expect(text.headline).toBe(
      'Feature deploys blocked: Checkout availability has used 80 % of its budget (Freeze non-critical deployments).',
    );
    expect(text.details).toEqual([
      'Bug fixes and security patches may go out with conditions.',
      FREEZE.action,
      'Budget back below 75 % around 12 Dec at the current burn.',
    ]);
    expect(text.gated).toBe(verdicts.standard);
  });

  it('says when the budget does not come back and lists exceptions in force', () => {
    const text = deployVerdictText(
      {
        standard: base({
          verdict: 'allowed-with-conditions',
          slos: [{ ...slo, consumedFraction: 0.82 }],
          recoveryBelow: 0.75,
          recoveryNote: 'not at the current burn',
          exceptions: [
            {
              id: 'e1',
              entityRef: 'component:default/checkout',
              change: 'standard',
              until: '2026-12-09T18:00:00Z',
              reason: 'Sale banner',
              grantedBy: 'user:default/lena.hoffmann',
              grantedByName: 'Lena Hoffmann',
              createdAt: '2026-12-07T10:00:00Z',
            },
          ],
        }),
        critical: base({
          change: 'critical',
          verdict: 'allowed-with-conditions',
        }),
      },
      { timeZone: 'UTC' },
    );
    expect(text.headline).toBe(
      'Deploys allowed with conditions: Checkout availability has used 82 % of its budget (Freeze non-critical deployments).',
    );
    expect(text.details).toEqual([
      FREEZE.action,
      'Features approved by Lena Hoffmann until 9 Dec: Sale banner',
      'Budget not back below 75 %: not at the current burn.',
    ]);
  });
});
