import { entityRefInput, MAX_ACTION_ITEMS, storedRef } from './fields';
import { ReliabilityActionsOptions } from './ReliabilityActionsOptions';

/** How many problems with the entity's OpenSLO file are answered. */
const MAX_PROBLEMS = 10;

/**
 * `reliability:get-slo-status`: the SLOs of a component from the stored
 * evaluations, as its SLO card shows them: SLI, error budget left, burn-rate
 * alert, forecast and error-budget policy tier.
 *
 * @internal
 */
export function createSloStatusAction(options: ReliabilityActionsOptions) {
  const { actionsRegistry, slos, visibility } = options;
  actionsRegistry.register({
    name: 'get-slo-status',
    title: 'SLO status of a component',
    description: `Answers the service level objectives (SLOs) of a component as last evaluated: for each objective its target, the SLI over its window, how much error budget is left, the burn-rate alert (ok, ticket or page), when the budget runs out at the current burn, and the error-budget policy tier with what it asks the team to do.
Fractions are between 0 and 1 (0.999 is 99.9 %). A component without an OpenSLO file answers configured: false. At most ${MAX_ACTION_ITEMS} objectives are answered.`,
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
          })
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string(),
          configured: z.boolean(),
          slos: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              displayName: z.string(),
              target: z.number(),
              window: z.string().describe('e.g. 28d rolling'),
              state: z.string(),
              stateMessage: z.string().optional(),
              evaluatedAt: z.string().nullable(),
              sli: z.number().nullable(),
              budgetRemaining: z.number().nullable(),
              alert: z.string(),
              budgetExhaustedAt: z.string().nullable(),
              tier: z
                .object({ name: z.string(), action: z.string() })
                .nullable(),
            }),
          ),
          problems: z.array(
            z.object({
              file: z.string(),
              field: z.string(),
              message: z.string(),
            }),
          ),
          truncated: z.boolean(),
        }),
    },
    async action({ input, credentials }) {
      const entityRef = storedRef(input.entityRef, 'component');
      await visibility.forCredentials(credentials).assertEntity(entityRef);
      const answer = await slos.forEntity(entityRef);
      return {
        output: {
          entityRef,
          configured: answer.configured,
          slos: answer.slos.slice(0, MAX_ACTION_ITEMS).map(slo => ({
            id: slo.id,
            name: slo.sloName,
            displayName: slo.displayName,
            target: slo.target,
            window: `${slo.timeWindow.duration} ${
              slo.timeWindow.rolling ? 'rolling' : 'calendar'
            }`,
            state: slo.state,
            ...(slo.stateMessage ? { stateMessage: slo.stateMessage } : {}),
            evaluatedAt: slo.evaluatedAt,
            sli: slo.sli,
            budgetRemaining: slo.budget.remainingFraction,
            alert: slo.alert.state,
            budgetExhaustedAt: slo.forecast.exhaustionAt,
            tier: slo.tier && { name: slo.tier.name, action: slo.tier.action },
          })),
          problems: answer.problems
            .slice(0, MAX_PROBLEMS)
            .map(({ file, field, message }) => ({ file, field, message })),
          truncated: answer.slos.length > MAX_ACTION_ITEMS,
        },
      };
    },
  });
}
