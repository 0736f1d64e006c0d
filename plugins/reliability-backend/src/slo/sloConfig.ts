import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_ERROR_BUDGET_POLICY,
  ErrorBudgetPolicyTier,
  parseSloDuration,
  validatePolicyTiers,
} from '@reliability-hub/plugin-reliability-common';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
};

/**
 * The SLO settings under `reliability.slo`.
 *
 * @internal
 */
export interface SloConfig {
  /** How often the OpenSLO files of all entities are read. */
  refreshIntervalMs: number;
  /** How often all SLOs are evaluated. */
  evaluationIntervalMs: number;
  /** How long an evaluation waits for one source. */
  evaluationTimeoutMs: number;
  tiers: readonly ErrorBudgetPolicyTier[];
}

function readDuration(
  config: RootConfigService,
  key: string,
  fallback: string,
): number {
  const text = config.getOptionalString(key) ?? fallback;
  try {
    const { amount, unit } = parseSloDuration(text);
    if (!(unit in UNIT_MS)) {
      throw new Error('use seconds, minutes, hours or days');
    }
    return amount * UNIT_MS[unit];
  } catch (error) {
    throw new Error(
      `Invalid ${key} ${JSON.stringify(
        text,
      )}: expected a duration such as "30s", "1m" or "10m" (${
        (error as Error).message
      })`,
    );
  }
}

/**
 * Reads `reliability.slo`; throws an Error naming the key for an invalid
 * value, so a bad setting stops the backend at start rather than later.
 *
 * @internal
 */
export function readSloConfig(config: RootConfigService): SloConfig {
  const tierConfigs = config.getOptionalConfigArray(
    'reliability.slo.policy.tiers',
  );
  const tiers: ErrorBudgetPolicyTier[] = tierConfigs
    ? tierConfigs.map(tier => ({
        name: tier.getString('name'),
        action: tier.getString('action'),
        minConsumed: tier.getNumber('minConsumed'),
        ...(tier.has('maxConsumed')
          ? { maxConsumed: tier.getNumber('maxConsumed') }
          : {}),
        ...(tier.has('approver')
          ? { approver: tier.getString('approver') }
          : {}),
      }))
    : [...DEFAULT_ERROR_BUDGET_POLICY];
  try {
    validatePolicyTiers(tiers);
  } catch (error) {
    throw new Error(
      `Invalid reliability.slo.policy.tiers: ${(error as Error).message}`,
    );
  }
  return {
    refreshIntervalMs: readDuration(
      config,
      'reliability.slo.refreshInterval',
      '10m',
    ),
    evaluationIntervalMs: readDuration(
      config,
      'reliability.slo.evaluation.interval',
      '1m',
    ),
    evaluationTimeoutMs: readDuration(
      config,
      'reliability.slo.evaluation.timeout',
      '30s',
    ),
    tiers,
  };
}
