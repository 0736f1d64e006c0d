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
 * The organisation's reliability page, with incidents across all components.
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
 * Entity card: open incidents, counts by severity, MTTA/MTTR, recent incidents.
 *
 * @public
 */
export const EntityIncidentHistoryCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityIncidentHistoryCard',
    component: {
      lazy: () =>
        import('./incidents/EntityIncidentHistoryCard').then(
          m => m.EntityIncidentHistoryCard,
        ),
    },
  }),
);

/**
 * Entity tab content: the entity's open incidents and full incident history.
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
