import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { permissionPolicyModule } from './permissions/module';
import { configureRootHttpRouter } from './http/startupGate';

const backend = createBackend();

// API requests that arrive while the plugins start answer 503, not an empty 404.
backend.add(
  rootHttpRouterServiceFactory({ configure: configureRootHttpRouter }),
);

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for local use (see auth.providers.guest in app-config.yaml);
// sign-in behind an oauth2-proxy only where auth.providers.oauth2Proxy is
// configured (the browser tests sign a second person in through it)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(
  import('@backstage/plugin-auth-backend-module-oauth2-proxy-provider'),
);

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission, with the portal's policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionPolicyModule);

// search: Lunr in memory on SQLite, PostgreSQL's full-text search on pg
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications, pushed to the browser through signals: the bell in the sidebar
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Reliability Hub, with runbooks and postmortems in the portal's search, and
// SLIs from Prometheus when reliability.slo.prometheus lists a server (the
// demo's SLOs use the push source)
backend.add(import('@reliability-hub/plugin-reliability-backend'));
backend.add(
  import('@reliability-hub/plugin-search-backend-module-reliability'),
);
backend.add(
  import('@reliability-hub/plugin-reliability-backend-module-prometheus'),
);

// Actions for AI assistants: the actions of the plugins that
// backend.actions.pluginSources names, as MCP tools at /api/mcp-actions/v1
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
