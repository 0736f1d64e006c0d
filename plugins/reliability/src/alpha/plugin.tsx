import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import { reliabilityApi } from './api';
import {
  actionItemsEntityCard,
  incidentsEntityCard,
  onCallEntityCard,
  runbooksEntityCard,
  sloEntityCard,
} from './entityCards';
import { incidentsEntityContent, sloEntityContent } from './entityContent';
import { reliabilityPage, rootRouteRef } from './page';
import {
  personalEntityContent,
  rollupEntityCard,
  rollupEntityContent,
} from './rollup';
import {
  postmortemSearchResultItem,
  postmortemSearchResultType,
  runbookSearchResultItem,
  runbookSearchResultType,
} from './search';

/**
 * The Reliability Hub frontend plugin for the new frontend system: the
 * Reliability Hub API client, the incidents, action items, on-call, SLO and
 * runbook cards and the "SLOs" and "Incidents" tabs of Component entity
 * pages, runbooks and postmortems in search, and the reliability page with
 * its navigation item.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'reliability',
  title: 'Reliability',
  icon: <WhatshotIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
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
    rollupEntityCard,
    rollupEntityContent,
    personalEntityContent,
  ],
});
