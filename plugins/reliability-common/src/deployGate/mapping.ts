import {
  DEFAULT_ERROR_BUDGET_POLICY,
  ErrorBudgetPolicyTier,
  policyTierFor,
} from '../slo/policy';
import { DEPLOY_VERDICTS, DeployChangeClass, DeployVerdictName } from './api';

/**
 * What the deploy gate answers in one policy tier, per change class.
 *
 * @public
 */
export type DeployGateRule = Record<DeployChangeClass, DeployVerdictName>;

/**
 * The deploy gate's rules for the default policy's tiers, by tier name,
 * following each tier's action: ship as usual up to increased monitoring;
 * smaller changes under conditions in the slowdown; only fixes while
 * non-critical deployments are frozen; nothing in a full freeze or with the
 * budget exhausted, unless an approver grants an exception.
 *
 * @public
 */
export const DEFAULT_DEPLOY_GATE_RULES: Readonly<
  Record<string, DeployGateRule>
> = {
  'Normal operations': { standard: 'allowed', critical: 'allowed' },
  'Increased monitoring': { standard: 'allowed', critical: 'allowed' },
  'Deployment slowdown': {
    standard: 'allowed-with-conditions',
    critical: 'allowed-with-conditions',
  },
  'Freeze non-critical deployments': {
    standard: 'blocked',
    critical: 'allowed-with-conditions',
  },
  'Full deployment freeze': { standard: 'blocked', critical: 'blocked' },
  'Budget exhausted': { standard: 'blocked', critical: 'blocked' },
};

/**
 * The rule of a tier that has none configured: by where the tier starts, so
 * that renamed or extra tiers still gate (from 75 % consumed on, features
 * wait; from 85 %, everything does).
 */
function fallbackRule(tier: ErrorBudgetPolicyTier): DeployGateRule {
  if (tier.minConsumed >= 0.85) {
    return { standard: 'blocked', critical: 'blocked' };
  }
  if (tier.minConsumed >= 0.75) {
    return { standard: 'blocked', critical: 'allowed-with-conditions' };
  }
  if (tier.minConsumed >= 0.5) {
    return {
      standard: 'allowed-with-conditions',
      critical: 'allowed-with-conditions',
    };
  }
  return { standard: 'allowed', critical: 'allowed' };
}

/**
 * The rule of a tier: the configured one (by tier name), else the default
 * one of that name, else one by where the tier starts.
 *
 * @public
 */
export function deployGateRuleFor(
  tier: ErrorBudgetPolicyTier,
  rules: Readonly<Record<string, Partial<DeployGateRule>>> = {},
): DeployGateRule {
  const base = DEFAULT_DEPLOY_GATE_RULES[tier.name] ?? fallbackRule(tier);
  return { ...base, ...rules[tier.name] };
}

/**
 * The verdict for a change class at a budget consumption: the rule of the
 * tier that consumption falls in (tiers are half-open, so exactly 75 %
 * consumed is in the tier starting at 75 %). Without figures (null) the
 * gate has nothing to judge and allows.
 *
 * @public
 */
export function deployVerdictFor(
  consumedFraction: number | null,
  change: DeployChangeClass,
  options: {
    tiers?: readonly ErrorBudgetPolicyTier[];
    rules?: Readonly<Record<string, Partial<DeployGateRule>>>;
  } = {},
): DeployVerdictName {
  const tier = policyTierFor(
    consumedFraction,
    options.tiers ?? DEFAULT_ERROR_BUDGET_POLICY,
  );
  return tier ? deployGateRuleFor(tier, options.rules)[change] : 'allowed';
}

/**
 * The worse of two verdicts (blocked over allowed-with-conditions over
 * allowed).
 *
 * @public
 */
export function worseVerdict(
  a: DeployVerdictName,
  b: DeployVerdictName,
): DeployVerdictName {
  return DEPLOY_VERDICTS.indexOf(a) >= DEPLOY_VERDICTS.indexOf(b) ? a : b;
}

/**
 * The consumption below which the verdict for a change class gets better
 * than it is at `consumedFraction`: the start of the lowest tier, counting
 * down from the current one, that gives the same verdict. Undefined when
 * the verdict is `allowed` or no lower tier is better.
 *
 * @public
 */
export function deployRecoveryThreshold(
  consumedFraction: number,
  change: DeployChangeClass,
  options: {
    tiers?: readonly ErrorBudgetPolicyTier[];
    rules?: Readonly<Record<string, Partial<DeployGateRule>>>;
  } = {},
): number | undefined {
  const tiers = options.tiers ?? DEFAULT_ERROR_BUDGET_POLICY;
  const current = policyTierFor(consumedFraction, tiers);
  if (!current) {
    return undefined;
  }
  const verdictOf = (tier: ErrorBudgetPolicyTier) =>
    deployGateRuleFor(tier, options.rules)[change];
  const verdict = verdictOf(current);
  if (verdict === 'allowed') {
    return undefined;
  }
  let index = tiers.indexOf(current);
  while (index > 0 && verdictOf(tiers[index - 1]) === verdict) {
    index--;
  }
  return index > 0 ? tiers[index].minConsumed : undefined;
}

/**
 * A consumed budget fraction as whole percent, as the card rounds its
 * remaining budget, but never rounded up into the next tier: 59.6 %
 * consumed is "60 %", 74.6 % in the tier ending at 75 % is "74 %".
 *
 * @public
 */
export function formatConsumedPercent(
  fraction: number,
  tier?: Pick<ErrorBudgetPolicyTier, 'maxConsumed'>,
): string {
  let percent = Math.round(fraction * 100);
  if (tier?.maxConsumed !== undefined && percent >= tier.maxConsumed * 100) {
    percent = Math.ceil(tier.maxConsumed * 100) - 1;
  }
  return `${percent} %`;
}
