import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { reliabilityApiRef, ReliabilityClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The Reliability Hub frontend plugin.
 *
 * @public
 */
export const reliabilityPlugin = createPlugin({
  id: 'reliability',
  apis: [
    createApiFactory({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ReliabilityClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The organisation's reliability page: incidents across all components, and
 * overdue action items grouped by owner (`./action-items`).
 *
 * @public
 */
export const ReliabilityPage = reliabilityPlugin.provide(
  createRoutableExtension({
    name: 'ReliabilityPage',
    component: () =>
      import('./page/ReliabilityPage').then(m => m.ReliabilityPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity card: open incidents first, then recent ones, with severities, MTTA,
 * MTTR, repeats, and "Declare incident" for those allowed to.
 *
 * @public
 */
export const EntityIncidentsCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityIncidentsCard',
    component: {
      lazy: () =>
        import('./incidents/EntityIncidentsCard').then(
          m => m.EntityIncidentsCard,
        ),
    },
  }),
);

/**
 * Entity card: open and overdue action items from the entity's postmortems,
 * with the completion rate. Shares the incident card's summary request.
 *
 * @public
 */
export const EntityActionItemsCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityActionItemsCard',
    component: {
      lazy: () =>
        import('./actionItems/EntityActionItemsCard').then(
          m => m.EntityActionItemsCard,
        ),
    },
  }),
);

/**
 * Entity tab content: the entity's open incidents, incident history and
 * postmortems, with the incident pages (`./:incidentId`) and postmortem pages
 * (`./postmortems/:postmortemId`) below it. Mount it at `incidents`.
 *
 * @public
 */
export const EntityIncidentsContent = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityIncidentsContent',
    component: {
      lazy: () =>
        import('./incidents/EntityIncidentsContent').then(
          m => m.EntityIncidentsContent,
        ),
    },
  }),
);

/**
 * Entity card: who is on call for the entity now, per schedule, until when,
 * the next hand-off, and the full escalation chain with delays. Shares the
 * incident card's summary request.
 *
 * @public
 */
export const EntityOnCallCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityOnCallCard',
    component: {
      lazy: () =>
        import('./oncall/EntityOnCallCard').then(m => m.EntityOnCallCard),
    },
  }),
);
