import { RootConfigService } from '@backstage/backend-plugin-api';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  DEFAULT_ERROR_BUDGET_POLICY,
  ErrorBudgetPolicyTier,
  validatePolicyTiers,
} from '@reliability-hub/plugin-reliability-common';
import { readDuration } from '../config/readDuration';

/**
 * The SLO settings under `reliability.slo`.
 *
 * @internal
 */
export interface SloConfig {
  /** How often the OpenSLO files of all entities are read. */
  refreshInterval: HumanDuration;
  /** How often all SLOs are evaluated. */
  evaluationInterval: HumanDuration;
  /** How long an evaluation waits for one source, in milliseconds. */
  evaluationTimeoutMs: number;
  tiers: readonly ErrorBudgetPolicyTier[];
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
    refreshInterval: readDuration(config, 'reliability.slo.refreshInterval', {
      minutes: 10,
    }),
    evaluationInterval: readDuration(
      config,
      'reliability.slo.evaluation.interval',
      { minutes: 1 },
    ),
    evaluationTimeoutMs: durationToMilliseconds(
      readDuration(config, 'reliability.slo.evaluation.timeout', {
        seconds: 30,
      }),
    ),
    tiers,
  };
}
