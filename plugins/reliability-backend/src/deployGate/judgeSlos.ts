import {
  budgetRecoverySeconds,
  DeployChangeClass,
  DeployGateSlo,
  deployGateRuleFor,
  deployRecoveryThreshold,
  DeployVerdictName,
  EntitySlos,
  ErrorBudgetPolicyTier,
  SloStatus,
  worseVerdict,
} from '@reliability-hub/plugin-reliability-common';
import { DeployGateConfig } from './deployGateConfig';

/**
 * An SLO the gate judged, with its stored status.
 *
 * @internal
 */
export type Judged = DeployGateSlo & { status: SloStatus };

/**
 * The gate's verdict from the SLO figures alone, with the SLOs it judged.
 *
 * @internal
 */
export function judgeSlos(
  slos: EntitySlos,
  change: DeployChangeClass,
  rules: DeployGateConfig['rules'],
): {
  verdict: DeployVerdictName;
  deciding: Judged[];
  tier: (ErrorBudgetPolicyTier & { index: number }) | null;
} {
  const judged: Judged[] = slos.slos.flatMap(status => {
    const consumed = status.budget.consumedFraction;
    if (consumed === null || !status.tier) {
      return [];
    }
    return [
      {
        id: status.id,
        sloName: status.sloName,
        displayName: status.displayName,
        consumedFraction: consumed,
        tier: status.tier,
        verdict: deployGateRuleFor(status.tier, rules)[change],
        status,
      },
    ];
  });
  const verdict = judged.reduce<DeployVerdictName>(
    (worst, slo) => worseVerdict(worst, slo.verdict),
    'allowed',
  );
  // The worst tier wins: among the SLOs with the worst verdict, the one
  // furthest into the policy comes first.
  const deciding = judged
    .filter(slo => slo.verdict === verdict)
    .sort(
      (a, b) =>
        b.tier.index - a.tier.index ||
        b.consumedFraction - a.consumedFraction ||
        a.id.localeCompare(b.id),
    );
  const worstTier = [...judged].sort((a, b) => b.tier.index - a.tier.index)[0]
    ?.tier;
  return {
    verdict,
    deciding: verdict === 'allowed' ? [] : deciding,
    tier: (verdict === 'allowed' ? worstTier : deciding[0]?.tier) ?? null,
  };
}

/**
 * When every deciding SLO is back below the level where the verdict
 * improves; `at` null when one of them never is at the current burn.
 *
 * @internal
 */
export function recoveryOf(
  deciding: Judged[],
  change: DeployChangeClass,
  now: Date,
  policy: {
    tiers: readonly ErrorBudgetPolicyTier[];
    rules: DeployGateConfig['rules'];
  },
): { below: number; at: string | null } | undefined {
  let latest = 0;
  let below: number | undefined;
  for (const slo of deciding) {
    const threshold = deployRecoveryThreshold(slo.consumedFraction, change, {
      tiers: policy.tiers,
      rules: policy.rules,
    });
    const window = slo.status.window;
    if (threshold === undefined || !window) {
      return below === undefined ? undefined : { below, at: null };
    }
    below ??= threshold;
    const start = Date.parse(window.start);
    const end = Date.parse(window.end);
    const burnRate =
      slo.status.burnRates['1h'] ?? slo.status.burnRates['6h'] ?? 0;
    const seconds = budgetRecoverySeconds({
      consumedFraction: slo.consumedFraction,
      burnRate,
      periodSeconds: (end - start) / 1000,
      below: threshold,
      rolling: slo.status.timeWindow.rolling,
      secondsToWindowEnd: (end - now.getTime()) / 1000,
    });
    if (seconds === null) {
      return { below, at: null };
    }
    latest = Math.max(latest, seconds);
  }
  return below === undefined
    ? undefined
    : { below, at: new Date(now.getTime() + latest * 1000).toISOString() };
}
