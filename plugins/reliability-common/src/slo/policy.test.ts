import {
  DEFAULT_ERROR_BUDGET_POLICY,
  ErrorBudgetPolicyTier,
  findPolicyTierProblem,
  policyTierFor,
  validatePolicyTiers,
} from './policy';

describe('policyTierFor (default policy)', () => {
  it.each([
    [0, 'Normal operations'],
    [0.1, 'Normal operations'],
    [0.2499999, 'Normal operations'],
    [0.25, 'Increased monitoring'],
    [0.4999999, 'Increased monitoring'],
    [0.5, 'Deployment slowdown'],
    [0.7499999, 'Deployment slowdown'],
    [0.75, 'Freeze non-critical deployments'],
    [0.8499999, 'Freeze non-critical deployments'],
    [0.85, 'Full deployment freeze'],
    [0.9999999, 'Full deployment freeze'],
    [1, 'Budget exhausted'],
    [3.5, 'Budget exhausted'],
    [Infinity, 'Budget exhausted'],
  ])('%p consumed → %s', (consumed, name) => {
    expect(policyTierFor(consumed)?.name).toBe(name);
  });

  it.each([[null], [-0.1]])('%p consumed → no tier', consumed => {
    expect(policyTierFor(consumed)).toBeUndefined();
  });

  it('rejects NaN', () => {
    expect(() => policyTierFor(NaN)).toThrow(RangeError);
  });

  it('gives every default tier an action, and approvers from slowdown on', () => {
    expect(DEFAULT_ERROR_BUDGET_POLICY).toHaveLength(6);
    for (const tier of DEFAULT_ERROR_BUDGET_POLICY) {
      expect(tier.action.length).toBeGreaterThan(30);
    }
    expect(
      DEFAULT_ERROR_BUDGET_POLICY.filter(t => t.approver).map(t => t.name),
    ).toEqual([
      'Deployment slowdown',
      'Freeze non-critical deployments',
      'Full deployment freeze',
      'Budget exhausted',
    ]);
  });
});

describe('policyTierFor (custom tiers)', () => {
  const tiers: ErrorBudgetPolicyTier[] = [
    { minConsumed: 0, maxConsumed: 0.5, name: 'Green', action: 'Ship.' },
    { minConsumed: 0.5, name: 'Red', action: 'Stop.', approver: 'SRE lead' },
  ];

  it.each([
    [0.4999, 'Green'],
    [0.5, 'Red'],
    [2, 'Red'],
  ])('%p consumed → %s', (consumed, name) => {
    expect(policyTierFor(consumed, tiers)?.name).toBe(name);
  });

  it('throws on an invalid tier list', () => {
    expect(() =>
      policyTierFor(0.1, [{ minConsumed: 0.1, name: 'A', action: 'a' }]),
    ).toThrow('Invalid error-budget policy');
  });
});

const tier = (
  minConsumed: number,
  maxConsumed: number | undefined,
  name: string,
): ErrorBudgetPolicyTier => ({
  minConsumed,
  maxConsumed,
  name,
  action: `Do ${name}`,
});

describe('findPolicyTierProblem / validatePolicyTiers', () => {
  it.each<[string, ErrorBudgetPolicyTier[], string | undefined]>([
    ['the default policy', [...DEFAULT_ERROR_BUDGET_POLICY], undefined],
    ['a single open tier', [tier(0, undefined, 'Only')], undefined],
    ['no tiers', [], 'error-budget policy has no tiers'],
    [
      'a gap',
      [tier(0, 0.25, 'A'), tier(0.3, undefined, 'B')],
      'gap between tier 1 ("A"), ending at 0.25, and tier 2 ("B"), starting at 0.3',
    ],
    [
      'an overlap',
      [tier(0, 0.5, 'A'), tier(0.4, undefined, 'B')],
      'tier 2 ("B") starts at 0.4, inside tier 1 ("A") ending at 0.5: tiers overlap or are out of order',
    ],
    [
      'out of order',
      [tier(0, 0.5, 'A'), tier(0.75, undefined, 'C'), tier(0.5, 0.75, 'B')],
      'gap between tier 1 ("A"), ending at 0.5, and tier 2 ("C"), starting at 0.75',
    ],
    [
      'first tier not at 0',
      [tier(0.1, undefined, 'A')],
      'tier 1 ("A"): the first tier must start at minConsumed 0, got 0.1',
    ],
    [
      'open tier in the middle',
      [tier(0, undefined, 'A'), tier(0.5, undefined, 'B')],
      'tier 1 ("A"): only the last tier may omit maxConsumed',
    ],
    [
      'closed last tier',
      [tier(0, 0.5, 'A'), tier(0.5, 1, 'B')],
      'tier 2 ("B"): the last tier must omit maxConsumed so that consumption above 1 has a tier',
    ],
    [
      'empty tier',
      [tier(0, 0, 'A'), tier(0, undefined, 'B')],
      'tier 1 ("A"): maxConsumed 0 must be greater than minConsumed 0',
    ],
    ['missing name', [tier(0, undefined, ' ')], 'tier 1: name is empty'],
    [
      'missing action',
      [{ minConsumed: 0, name: 'A', action: '' }],
      'tier 1 ("A"): action is empty',
    ],
  ])('%s', (_, tiers, problem) => {
    expect(findPolicyTierProblem(tiers)).toBe(problem);
    let thrown: string | undefined;
    try {
      validatePolicyTiers(tiers);
    } catch (error) {
      thrown = (error as Error).message;
    }
    expect(thrown).toBe(problem && `Invalid error-budget policy: ${problem}`);
  });
});
