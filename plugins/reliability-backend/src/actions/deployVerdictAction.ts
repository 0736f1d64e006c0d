import { DEPLOY_CHANGE_CLASSES } from '@reliability-hub/plugin-reliability-common';
import { entityRefInput, MAX_ACTION_ITEMS, storedRef } from './fields';
import { ReliabilityActionsOptions } from './ReliabilityActionsOptions';

/**
 * `reliability:get-deploy-verdict`: whether a change may deploy now under the
 * error-budget policy, the deploy gate's answer as CI and the SLO card get
 * it, for the caller.
 *
 * @internal
 */
export function createDeployVerdictAction(options: ReliabilityActionsOptions) {
  const { actionsRegistry, deployGate } = options;
  actionsRegistry.register({
    name: 'get-deploy-verdict',
    title: 'May this component deploy now?',
    description: `Answers whether a change to a component may deploy now under its error-budget policy: allowed, blocked or allowed-with-conditions, the reason in plain words, the policy tier, the SLOs that decided it, the incidents that spent the budget, when the budget is expected back, who may grant an exception (by name) and the exceptions in force.
change is "standard" (features and other changes) or "critical" (a bug fix, security patch or reliability work). A component without SLOs is allowed, with nothing to judge. At most ${MAX_ACTION_ITEMS} SLOs and incidents are answered.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            entityRef: entityRefInput(
              z,
              'component',
              'The component, e.g. "checkout" or "component:default/checkout"',
            ),
            change: z
              .enum(DEPLOY_CHANGE_CLASSES)
              .default('standard')
              .describe(
                'standard (features, other changes) or critical (bug fix, security patch, reliability work)',
              ),
          })
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string(),
          change: z.string(),
          verdict: z.enum(['allowed', 'allowed-with-conditions', 'blocked']),
          reason: z.string(),
          tier: z.string().nullable(),
          slos: z.array(
            z.object({
              name: z.string(),
              displayName: z.string(),
              consumed: z
                .number()
                .describe('Fraction of the error budget used, 0.8 = 80 %'),
            }),
          ),
          incidents: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              severity: z.string(),
            }),
          ),
          recoveryAt: z.string().nullable(),
          approvers: z.array(
            z.object({
              userRef: z.string(),
              displayName: z.string(),
              role: z.string(),
            }),
          ),
          exceptions: z.array(
            z.object({
              grantedBy: z.string(),
              until: z.string(),
              reason: z.string(),
            }),
          ),
        }),
    },
    async action({ input, credentials }) {
      const verdict = await deployGate.verdict({
        entityRef: storedRef(input.entityRef, 'component'),
        change: input.change,
        credentials,
      });
      return {
        output: {
          entityRef: verdict.entityRef,
          change: verdict.change,
          verdict: verdict.verdict,
          reason: verdict.reason,
          tier: verdict.tier?.name ?? null,
          slos: verdict.slos.slice(0, MAX_ACTION_ITEMS).map(slo => ({
            name: slo.sloName,
            displayName: slo.displayName,
            consumed: slo.consumedFraction,
          })),
          incidents: verdict.incidents
            .slice(0, MAX_ACTION_ITEMS)
            .map(({ id, humanId, title, severity }) => ({
              id: humanId ?? id,
              title,
              severity,
            })),
          recoveryAt: verdict.recoveryAt,
          approvers: verdict.approvers
            .slice(0, MAX_ACTION_ITEMS)
            .map(({ userRef, displayName, role }) => ({
              userRef,
              displayName,
              role,
            })),
          exceptions: verdict.exceptions
            .slice(0, MAX_ACTION_ITEMS)
            .map(({ grantedBy, until, reason }) => ({
              grantedBy,
              until,
              reason,
            })),
        },
      };
    },
  });
}
