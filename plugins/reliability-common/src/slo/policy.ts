/**
 * Error-budget policy: what the team does at each level of budget
 * consumption. The tiers are configuration; {@link DEFAULT_ERROR_BUDGET_POLICY}
 * follows the SOP's decision matrix.
 */

/**
 * One tier of an error-budget policy. Bounds are fractions of the budget
 * consumed (0.25 = 25 %); a tier covers `[minConsumed, maxConsumed)`, so a
 * value exactly on a boundary belongs to the upper tier. The last tier has
 * no `maxConsumed` and covers everything above its minimum.
 *
 * @public
 */
export interface ErrorBudgetPolicyTier {
  /** Lower bound, inclusive, as a fraction of the budget consumed. */
  minConsumed: number;
  /** Upper bound, exclusive; omitted only on the last tier. */
  maxConsumed?: number;
  /** Short name shown on the card, e.g. "Deployment slowdown". */
  name: string;
  /** What the team is asked to do while in this tier. */
  action: string;
  /** Who approves exceptions (e.g. a deployment during a freeze). */
  approver?: string;
}

/**
 * The default policy: 0–25 % consumed normal operations, 25–50 % increased
 * monitoring, 50–75 % deployment slowdown, 75–85 % freeze non-critical
 * deployments, 85–100 % full deployment freeze, 100 % and more exhausted
 * (incident).
 *
 * @public
 */
export const DEFAULT_ERROR_BUDGET_POLICY: readonly ErrorBudgetPolicyTier[] = [
  {
    minConsumed: 0,
    maxConsumed: 0.25,
    name: 'Normal operations',
    action:
      'Ship as usual. Use the spare budget for planned risk: experiments, migrations, chaos tests.',
  },
  {
    minConsumed: 0.25,
    maxConsumed: 0.5,
    name: 'Increased monitoring',
    action:
      'Keep shipping, but watch the burn-rate chart after every deploy and review the top error sources in the next stand-up.',
  },
  {
    minConsumed: 0.5,
    maxConsumed: 0.75,
    name: 'Deployment slowdown',
    action:
      'Deploy smaller changes, one at a time, behind feature flags with a tested rollback. Put at least one reliability fix into the current sprint.',
    approver: 'Team lead',
  },
  {
    minConsumed: 0.75,
    maxConsumed: 0.85,
    name: 'Freeze non-critical deployments',
    action:
      'Only bug fixes, security patches and reliability work go out. Feature releases wait until the budget recovers or the team lead approves.',
    approver: 'Team lead',
  },
  {
    minConsumed: 0.85,
    maxConsumed: 1,
    name: 'Full deployment freeze',
    action:
      'No deployments except fixes for this SLO and security emergencies. The team works on reliability until consumption drops below 85 %.',
    approver: 'Engineering manager',
  },
  {
    minConsumed: 1,
    name: 'Budget exhausted',
    action:
      'The SLO is being missed: open an incident, keep the full freeze, and write a postmortem with action items before the freeze is lifted.',
    approver: 'Engineering manager',
  },
];

function describeTier(tier: ErrorBudgetPolicyTier, index: number): string {
  return `tier ${index + 1} (${JSON.stringify(tier.name)})`;
}

/**
 * Checks a tier list and answers the first problem, or undefined when the
 * list is valid. A valid list is non-empty; every tier has a name and an
 * action; the first tier starts at 0; each tier's `maxConsumed` is above its
 * `minConsumed` and equals the next tier's `minConsumed` (no gaps, no
 * overlaps, in ascending order); only the last tier omits `maxConsumed`, and
 * it must, so that every consumption level from 0 up has a tier.
 *
 * @public
 */
export function findPolicyTierProblem(
  tiers: readonly ErrorBudgetPolicyTier[],
): string | undefined {
  if (tiers.length === 0) {
    return 'error-budget policy has no tiers';
  }
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i];
    const label = describeTier(tier, i);
    const isLast = i === tiers.length - 1;
    if (!tier.name?.trim()) {
      return `tier ${i + 1}: name is empty`;
    }
    if (!tier.action?.trim()) {
      return `${label}: action is empty`;
    }
    if (!Number.isFinite(tier.minConsumed)) {
      return `${label}: minConsumed must be a number, got ${tier.minConsumed}`;
    }
    if (i === 0 && tier.minConsumed !== 0) {
      return `${label}: the first tier must start at minConsumed 0, got ${tier.minConsumed}`;
    }
    if (tier.maxConsumed === undefined) {
      if (!isLast) {
        return `${label}: only the last tier may omit maxConsumed`;
      }
      continue;
    }
    if (isLast) {
      return `${label}: the last tier must omit maxConsumed so that consumption above ${tier.maxConsumed} has a tier`;
    }
    if (!(tier.maxConsumed > tier.minConsumed)) {
      return `${label}: maxConsumed ${tier.maxConsumed} must be greater than minConsumed ${tier.minConsumed}`;
    }
    const next = tiers[i + 1];
    const nextLabel = describeTier(next, i + 1);
    if (next.minConsumed > tier.maxConsumed) {
      return `gap between ${label}, ending at ${tier.maxConsumed}, and ${nextLabel}, starting at ${next.minConsumed}`;
    }
    if (next.minConsumed < tier.maxConsumed) {
      return `${nextLabel} starts at ${next.minConsumed}, inside ${label} ending at ${tier.maxConsumed}: tiers overlap or are out of order`;
    }
  }
  return undefined;
}

/**
 * Throws an Error describing the first problem of a tier list (see
 * {@link findPolicyTierProblem}); returns nothing when it is valid.
 *
 * @public
 */
export function validatePolicyTiers(
  tiers: readonly ErrorBudgetPolicyTier[],
): void {
  const problem = findPolicyTierProblem(tiers);
  if (problem) {
    throw new Error(`Invalid error-budget policy: ${problem}`);
  }
}

/**
 * The policy tier for a consumed budget fraction. Tiers are half-open
 * `[minConsumed, maxConsumed)`: a value exactly on a boundary belongs to the
 * upper tier, so 25 % consumed is "Increased monitoring", not "Normal
 * operations", and 100 % consumed is "Budget exhausted".
 *
 * @param consumedFraction - budget consumed (0.25 = 25 %); null (no events
 *   yet) answers undefined. Values below the first tier's minimum (negative)
 *   also answer undefined.
 * @param tiers - defaults to {@link DEFAULT_ERROR_BUDGET_POLICY}.
 * @throws Error when the tier list is invalid; RangeError for NaN.
 * @public
 */
export function policyTierFor(
  consumedFraction: number | null,
  tiers: readonly ErrorBudgetPolicyTier[] = DEFAULT_ERROR_BUDGET_POLICY,
): ErrorBudgetPolicyTier | undefined {
  validatePolicyTiers(tiers);
  if (consumedFraction === null) {
    return undefined;
  }
  if (Number.isNaN(consumedFraction)) {
    throw new RangeError('consumed budget fraction must be a number, got NaN');
  }
  return tiers.find(
    tier =>
      consumedFraction >= tier.minConsumed &&
      (tier.maxConsumed === undefined || consumedFraction < tier.maxConsumed),
  );
}
