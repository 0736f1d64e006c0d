import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import {
  POSTMORTEM_DOCUMENT_TYPE,
  RUNBOOK_DOCUMENT_TYPE,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef, ReliabilityClient } from './api';
import { ReliabilitySearchResultListItemProps } from './shared/SearchResultItem';
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
export const ReliabilityPage: () => JSX.Element = reliabilityPlugin.provide(
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
export const EntityIncidentsCard: (props: {
  /** Where "All incidents" leads; the entity's `incidents` tab by default. */
  incidentsLink?: string;
}) => JSX.Element = reliabilityPlugin.provide(
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
export const EntityActionItemsCard: () => JSX.Element =
  reliabilityPlugin.provide(
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
export const EntityIncidentsContent: () => JSX.Element =
  reliabilityPlugin.provide(
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
export const EntityOnCallCard: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityOnCallCard',
    component: {
      lazy: () =>
        import('./oncall/EntityOnCallCard').then(m => m.EntityOnCallCard),
    },
  }),
);

/**
 * Entity card: the entity's SLOs with SLI against the objective, the error
 * budget left coloured by policy tier, burn rate and alert state, the tier's
 * action, and problems in the OpenSLO file. Shares the incident card's
 * summary request.
 *
 * @public
 */
export const EntitySloCard: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () => import('./slo/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/**
 * Entity tab content: the entity's SLOs with the error-budget burndown and
 * burn-rate charts over the SLO window and the OpenSLO definition. Mount it
 * at `slos`, where the SLO card links.
 *
 * @public
 */
export const EntitySloContent: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntitySloContent',
    component: {
      lazy: () =>
        import('./slo/EntitySloContent').then(m => m.EntitySloContent),
    },
  }),
);

/**
 * Entity card: the entity's runbooks (structured ones and `type: runbook`
 * links) with severity, alerts, last review and a badge when the review is
 * overdue. Shares the incident card's summary request.
 *
 * @public
 */
export const EntityRunbooksCard: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityRunbooksCard',
    component: {
      lazy: () =>
        import('./runbooks/EntityRunbooksCard').then(m => m.EntityRunbooksCard),
    },
  }),
);

/**
 * Search result list item for runbooks (documents of type
 * `reliability-runbook`): title, matching text, severity, overdue review,
 * alerts, entity and owner.
 *
 * @public
 */
export const RunbookSearchResultListItem: (
  props: ReliabilitySearchResultListItemProps,
) => JSX.Element | null = reliabilityPlugin.provide(
  createSearchResultListItemExtension({
    name: 'RunbookSearchResultListItem',
    component: () =>
      import('./runbooks/RunbookSearchResultListItem').then(
        m => m.RunbookSearchResultListItem,
      ),
    predicate: result => result.type === RUNBOOK_DOCUMENT_TYPE,
  }),
);

/**
 * Search result list item for postmortems (documents of type
 * `reliability-postmortem`): title, matching text, status and entity.
 *
 * @public
 */
export const PostmortemSearchResultListItem: (
  props: ReliabilitySearchResultListItemProps,
) => JSX.Element | null = reliabilityPlugin.provide(
  createSearchResultListItemExtension({
    name: 'PostmortemSearchResultListItem',
    component: () =>
      import('./postmortems/PostmortemSearchResultListItem').then(
        m => m.PostmortemSearchResultListItem,
      ),
    predicate: result => result.type === POSTMORTEM_DOCUMENT_TYPE,
  }),
);
