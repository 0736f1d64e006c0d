import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DEPLOY_CHANGE_CLASSES,
  DEPLOY_VERDICTS,
  DeployGateRule,
  ErrorBudgetPolicyTier,
} from '@reliability-hub/plugin-reliability-common';

/**
 * The approver entry that stands for the lead of the entity's owner group.
 *
 * @internal
 */
export const OWNER_LEAD = 'owner-lead';

/**
 * Who may grant exceptions in a tier: {@link OWNER_LEAD}, and user or group
 * refs (a group stands for its members).
 *
 * @internal
 */
export type ApproverSpec = typeof OWNER_LEAD | string;

/**
 * The deploy gate's settings, per policy tier name.
 *
 * @internal
 */
export interface DeployGateConfig {
  rules: Record<string, Partial<DeployGateRule>>;
  approvers: Record<string, ApproverSpec[]>;
}

const KEY = 'reliability.slo.policy.deployGate.tiers';

/**
 * Reads `reliability.slo.policy.deployGate.tiers`: per tier of the policy,
 * the verdict per change class and who may grant exceptions. Tiers left out
 * keep the defaults: the verdicts of `DEFAULT_DEPLOY_GATE_RULES` and, where
 * the policy names an approver, the owner group's lead. Throws an Error
 * naming the key for an invalid value, so the backend stops at start.
 *
 * @internal
 */
export function readDeployGateConfig(
  config: RootConfigService,
  tiers: readonly ErrorBudgetPolicyTier[],
): DeployGateConfig {
  const rules: DeployGateConfig['rules'] = {};
  const approvers: DeployGateConfig['approvers'] = Object.fromEntries(
    tiers.filter(tier => tier.approver).map(tier => [tier.name, [OWNER_LEAD]]),
  );
  const names = tiers.map(tier => tier.name);
  (config.getOptionalConfigArray(KEY) ?? []).forEach((entry, index) => {
    const at = `${KEY}[${index}]`;
    const name = entry.getString('tier');
    if (!names.includes(name)) {
      throw new Error(
        `Invalid ${at}.tier: ${JSON.stringify(
          name,
        )} is not a tier of the error-budget policy; use one of ${names
          .map(n => JSON.stringify(n))
          .join(', ')}`,
      );
    }
    const rule: Partial<DeployGateRule> = {};
    for (const change of DEPLOY_CHANGE_CLASSES) {
      const verdict = entry.getOptionalString(change);
      if (verdict === undefined) {
        continue;
      }
      if (!(DEPLOY_VERDICTS as readonly string[]).includes(verdict)) {
        throw new Error(
          `Invalid ${at}.${change}: ${JSON.stringify(
            verdict,
          )} is not a verdict; use ${DEPLOY_VERDICTS.join(', ')}`,
        );
      }
      rule[change] = verdict as DeployGateRule[typeof change];
    }
    rules[name] = { ...rules[name], ...rule };
    const specs = entry.getOptionalStringArray('approvers');
    if (specs) {
      approvers[name] = specs.map((spec, i) => {
        if (spec === OWNER_LEAD) {
          return spec;
        }
        try {
          const ref = parseEntityRef(spec);
          const kind = ref.kind.toLocaleLowerCase('en-US');
          if (kind !== 'user' && kind !== 'group') {
            throw new Error(`a ${ref.kind} cannot approve`);
          }
          return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
        } catch (error) {
          throw new Error(
            `Invalid ${at}.approvers[${i}]: ${JSON.stringify(
              spec,
            )} is neither ${OWNER_LEAD} nor a user or group ref (${
              (error as Error).message
            })`,
          );
        }
      });
    }
  });
  return { rules, approvers };
}
