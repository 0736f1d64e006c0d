import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DeployVerdict } from '@reliability-hub/plugin-reliability-common';

/**
 * The id of the action that asks the deploy gate.
 *
 * @public
 */
export const DEPLOY_GATE_CHECK_ACTION_ID = 'reliability:deploy-gate:check';

/**
 * A template action that asks Reliability Hub's deploy gate whether an
 * entity may deploy a change of a class now. It fails the step with the
 * gate's reason when the deploy is blocked, and otherwise outputs the
 * verdict, the reason, the tier and who may grant exceptions. The gate is
 * asked on behalf of whoever runs the template, so it answers with what they
 * may see in the catalog.
 *
 * @public
 */
export function createDeployGateCheckAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: DEPLOY_GATE_CHECK_ACTION_ID,
    description:
      "Asks Reliability Hub's deploy gate whether the entity may deploy now; fails the step with the reason when the deploy is blocked by its error-budget policy.",
    examples: [
      {
        description: 'Check before a feature release of checkout',
        example: [
          'steps:',
          '  - id: gate',
          '    name: May checkout deploy?',
          `    action: ${DEPLOY_GATE_CHECK_ACTION_ID}`,
          '    input:',
          '      entityRef: component:default/checkout',
          '      change: standard',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe('The entity to deploy, e.g. component:default/checkout'),
        change: z =>
          z
            .enum(['standard', 'critical'])
            .default('standard')
            .describe(
              'standard: a feature; critical: a bug fix, security patch or reliability work',
            ),
      },
      output: {
        verdict: z =>
          z
            .enum(['allowed', 'allowed-with-conditions', 'blocked'])
            .describe('allowed or allowed-with-conditions (blocked fails)'),
        reason: z => z.string().describe('The verdict in plain words'),
        tier: z =>
          z
            .string()
            .optional()
            .describe('The error-budget policy tier that decided it'),
        recoveryAt: z =>
          z
            .string()
            .optional()
            .describe('When the budget is expected back, at the current burn'),
        approvers: z =>
          z
            .array(z.string())
            .describe('Who may grant an exception, by display name'),
      },
    },
    async handler(ctx) {
      const { entityRef, change = 'standard' } = ctx.input;
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'reliability',
      });
      const baseUrl = await discovery.getBaseUrl('reliability');
      const query = new URLSearchParams({ entityRef, change });
      const response = await fetch(`${baseUrl}/deploy-gate?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: ctx.signal,
      });
      if (!response.ok) {
        const error = await ResponseError.fromResponse(response);
        throw new Error(
          `The deploy gate answered ${response.status} for ${entityRef}: ${error.cause.message}`,
        );
      }
      const answer = (await response.json()) as DeployVerdict;
      if (answer.verdict === 'blocked') {
        throw new Error(`Deploy of ${entityRef} blocked: ${answer.reason}`);
      }
      ctx.logger.info(answer.reason);
      ctx.output('verdict', answer.verdict);
      ctx.output('reason', answer.reason);
      if (answer.tier) {
        ctx.output('tier', answer.tier.name);
      }
      if (answer.recoveryAt) {
        ctx.output('recoveryAt', answer.recoveryAt);
      }
      ctx.output(
        'approvers',
        answer.approvers.map(approver => approver.displayName),
      );
    },
  });
}
