/**
 * Reliability Hub for Backstage, for apps on the new frontend system.
 *
 * @packageDocumentation
 */

import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import { ReliabilityClient, reliabilityApiRef } from './api';
import { isReliabilityAvailable } from './conditions';
import { rootRouteRef as legacyRootRouteRef } from './routes';

/**
 * The reliability page's route, usable by both frontend systems: the legacy
 * ref is upgraded in place, so `useRouteRef` keeps working in shared code.
 */
const rootRouteRef = convertLegacyRouteRef(legacyRootRouteRef);

/** The Reliability Hub client: `api:reliability`. */
const reliabilityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The incidents card on the overview of every Component:
 * `entity-card:reliability/incidents`.
 */
const incidentsEntityCard = EntityCardBlueprint.make({
  name: 'incidents',
  params: {
    filter: isReliabilityAvailable,
    loader: () =>
      import('./incidents/EntityIncidentsCard').then(m => (
        <m.EntityIncidentsCard />
      )),
  },
});

/**
 * The action items card on the overview of every Component; it shares the
 * incidents card's summary request: `entity-card:reliability/action-items`.
 */
const actionItemsEntityCard = EntityCardBlueprint.make({
  name: 'action-items',
  params: {
    filter: isReliabilityAvailable,
    loader: () =>
      import('./actionItems/EntityActionItemsCard').then(m => (
        <m.EntityActionItemsCard />
      )),
  },
});

/**
 * Who is on call for the Component, with the escalation chain; it shares the
 * incidents card's summary request: `entity-card:reliability/oncall`.
 */
const onCallEntityCard = EntityCardBlueprint.make({
  name: 'oncall',
  params: {
    filter: isReliabilityAvailable,
    loader: () =>
      import('./oncall/EntityOnCallCard').then(m => <m.EntityOnCallCard />),
  },
});

/**
 * The SLOs of the Component with budget bars and policy tiers; it shares the
 * incidents card's summary request: `entity-card:reliability/slos`.
 */
const sloEntityCard = EntityCardBlueprint.make({
  name: 'slos',
  params: {
    filter: isReliabilityAvailable,
    loader: () => import('./slo/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/**
 * The "SLOs" tab of every Component, at `.../slos` (where the SLO card
 * links), with the burndown and burn-rate charts:
 * `entity-content:reliability/slos`.
 */
const sloEntityContent = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: 'slos',
    title: 'SLOs',
    filter: isReliabilityAvailable,
    loader: () =>
      import('./slo/EntitySloContent').then(m => <m.EntitySloContent />),
  },
});

/**
 * The entity's runbooks with stale badges; it shares the incidents card's
 * summary request: `entity-card:reliability/runbooks`.
 */
const runbooksEntityCard = EntityCardBlueprint.make({
  name: 'runbooks',
  params: {
    filter: isReliabilityAvailable,
    loader: () =>
      import('./runbooks/EntityRunbooksCard').then(m => (
        <m.EntityRunbooksCard />
      )),
  },
});

/** Runbooks in the search results: `search-result-list-item:reliability/runbook`. */
const runbookSearchResultItem = SearchResultListItemBlueprint.make({
  name: 'runbook',
  params: {
    predicate: result => result.type === 'reliability-runbook',
    icon: <MenuBookIcon />,
    component: () =>
      import('./runbooks/RunbookSearchResultListItem').then(
        m => m.RunbookSearchResultListItem,
      ),
  },
});

/** Postmortems in the search results: `search-result-list-item:reliability/postmortem`. */
const postmortemSearchResultItem = SearchResultListItemBlueprint.make({
  name: 'postmortem',
  params: {
    predicate: result => result.type === 'reliability-postmortem',
    icon: <AssignmentIcon />,
    component: () =>
      import('./postmortems/PostmortemSearchResultListItem').then(
        m => m.PostmortemSearchResultListItem,
      ),
  },
});

/** "Runbooks" among the search page's result types. */
const runbookSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'runbooks',
  params: {
    value: 'reliability-runbook',
    name: 'Runbooks',
    icon: <MenuBookIcon />,
  },
});

/** "Postmortems" among the search page's result types. */
const postmortemSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'postmortems',
  params: {
    value: 'reliability-postmortem',
    name: 'Postmortems',
    icon: <AssignmentIcon />,
  },
});

/**
 * The "Incidents" tab of every Component, at `.../incidents` (where the card's
 * "All incidents" link leads), with the incident pages and postmortem pages
 * below it: `entity-content:reliability/incidents`.
 */
const incidentsEntityContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: 'incidents',
    title: 'Incidents',
    filter: isReliabilityAvailable,
    loader: () =>
      import('./incidents/EntityIncidentsContent').then(m => (
        <m.EntityIncidentsContent />
      )),
  },
});

/**
 * The organisation's reliability page at `/reliability`: `page:reliability`.
 * Its title and icon also make the app's navigation item; the page draws its
 * own header, so the plugin page header is off.
 */
const reliabilityPage = PageBlueprint.make({
  params: {
    path: '/reliability',
    title: 'Reliability',
    icon: <WhatshotIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./page/ReliabilityPage').then(m => <m.ReliabilityPage />),
  },
});

/**
 * The Reliability Hub frontend plugin for the new frontend system: the
 * Reliability Hub API client, the incidents, action items and on-call cards
 * and the "Incidents" tab of Component entity pages, and the reliability page
 * with its navigation item.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'reliability',
  title: 'Reliability',
  icon: <WhatshotIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [
    reliabilityApi,
    incidentsEntityCard,
    actionItemsEntityCard,
    onCallEntityCard,
    sloEntityCard,
    sloEntityContent,
    runbooksEntityCard,
    runbookSearchResultItem,
    postmortemSearchResultItem,
    runbookSearchResultType,
    postmortemSearchResultType,
    incidentsEntityContent,
    reliabilityPage,
  ],
});
