import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import { rootRouteRef as legacyRootRouteRef } from '../routes';

/**
 * The reliability page's route, usable by both frontend systems: the legacy
 * ref is upgraded in place, so `useRouteRef` keeps working in shared code.
 */
export const rootRouteRef = convertLegacyRouteRef(legacyRootRouteRef);

/**
 * The organisation's reliability page at `/reliability`: `page:reliability`.
 * Its title and icon also make the app's navigation item; the page draws its
 * own header, so the plugin page header is off.
 */
export const reliabilityPage = PageBlueprint.make({
  params: {
    path: '/reliability',
    title: 'Reliability',
    icon: <WhatshotIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('../page/ReliabilityPage').then(m => <m.ReliabilityPage />),
  },
});
