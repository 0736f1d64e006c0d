import { componentsOf } from '../summary/componentsOf';
import { listVisibleIncidents } from '../incidents/listVisibleIncidents';
import { entityRefInput, limitInput, storedRef } from './fields';
import { incidentOutput, toIncidentOutput } from './incidentOutput';
import { ReliabilityActionsOptions } from './ReliabilityActionsOptions';

/**
 * `reliability:list-open-incidents`: the incidents not yet resolved of a
 * component, or of the components a team (group) owns or a system has,
 * newest first.
 *
 * @internal
 */
export function createOpenIncidentsAction(options: ReliabilityActionsOptions) {
  const { actionsRegistry, incidents, visibility, catalog } = options;
  actionsRegistry.register({
    name: 'list-open-incidents',
    title: 'Open incidents',
    description: `Lists the incidents that are not resolved yet (investigating, identified, monitoring) of a component, or of every component a team owns (give a group, e.g. "group:default/team-checkout") or a system has, newest first, with severity, status, commander and when each started.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            entityRef: entityRefInput(
              z,
              'component',
              'A component ("checkout"), a group ("group:default/team-checkout") or a system',
            ),
            limit: limitInput(z, 'incidents'),
          })
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string(),
          incidents: z.array(incidentOutput(z)),
          truncated: z.boolean(),
        }),
    },
    async action({ input, credentials }) {
      const entityRef = storedRef(input.entityRef, 'component');
      const visible = visibility.forCredentials(credentials);
      await visible.assertEntity(entityRef);
      const components = await componentsOf(entityRef, {
        catalog,
        credentials,
      });
      const page = await listVisibleIncidents(
        { entityRefs: components ?? [entityRef], status: 'open' },
        { limit: input.limit },
        { store: incidents.store, visible },
      );
      return {
        output: {
          entityRef,
          incidents: page.items.map(toIncidentOutput),
          truncated: Boolean(page.nextCursor),
        },
      };
    },
  });
}
