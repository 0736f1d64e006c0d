import {
  createIncidentRequestSchema,
  reliabilityIncidentCreatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { parseInput } from '../validation';
import { entityRefInput, storedRef } from './fields';
import { incidentOutput, toIncidentOutput } from './incidentOutput';
import { ReliabilityActionsOptions } from './ReliabilityActionsOptions';

const NAME = 'declare-incident';

/**
 * `reliability:declare-incident`: declares an incident on a component, as
 * the caller, exactly as `POST /incidents` does: the same permission check
 * (the component's owners, by the portal's policy), the same auditor event,
 * the same write and change history.
 *
 * @internal
 */
export function createDeclareIncidentAction(
  options: ReliabilityActionsOptions,
) {
  const { actionsRegistry, access, incidents, severities } = options;
  actionsRegistry.register({
    name: NAME,
    title: 'Declare an incident',
    description: `Declares an incident on a component as the signed-in user, who must be allowed to (by default: the component's owners). The incident starts now, investigating, and shows on the component's page as one declared there does.
Severities: ${severities
      .map(level => `${level.id} (${level.name}: ${level.description})`)
      .join('; ')}.`,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z
          .object({
            entityRef: entityRefInput(
              z,
              'component',
              'The affected component, e.g. "checkout" or "component:default/checkout"',
            ),
            title: z
              .string()
              .trim()
              .min(1)
              .max(255)
              .describe('What is wrong, in a few words'),
            severity: z
              .enum(severities.map(level => level.id) as [string, ...string[]])
              .describe('The severity level'),
            summary: z
              .string()
              .max(20_000)
              .describe('What is known so far (Markdown)')
              .optional(),
            commander: z
              .string()
              .min(1)
              .max(255)
              .describe('The incident commander, a user ref or name')
              .optional(),
          })
          .strict(),
      output: z => incidentOutput(z),
    },
    async action({ input, credentials }) {
      const body = parseInput(
        createIncidentRequestSchema,
        { ...input, entityRef: storedRef(input.entityRef, 'component') },
        'incident',
      );
      const caller = { credentials, actionId: `reliability:${NAME}` };
      const { actor, via } = await access.authorize(
        caller,
        reliabilityIncidentCreatePermission,
        body.entityRef,
      );
      const incident = await access.audited(
        caller,
        'incident-create',
        { entityRef: body.entityRef },
        () => incidents.service.declare(body, actor, via),
      );
      return { output: toIncidentOutput(incident) };
    },
  });
}
