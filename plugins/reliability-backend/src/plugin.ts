import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { reliabilityPermissions } from '@reliability-hub/plugin-reliability-common';
import {
  reliabilitySliSourcesExtensionPoint,
  SliSourceRegistry,
} from '@reliability-hub/plugin-reliability-node';
import { applyDatabaseMigrations } from './database/migrations';
import { DemoDataSeeder } from './demo/DemoDataSeeder';
import { DatabaseIncidentStore } from './incidents/DatabaseIncidentStore';
import { loadEntityResources } from './permissions/loadEntityResources';
import {
  reliabilityEntityResourceRef,
  reliabilityEntityRules,
} from './permissions/resource';
import { createRouter } from './router';

/**
 * The Reliability Hub backend plugin: incidents, SLOs, on-call and runbooks
 * of catalog entities, under `/api/reliability`.
 *
 * @public
 */
export const reliabilityPlugin = createBackendPlugin({
  pluginId: 'reliability',
  register(env) {
    const sliSources = new SliSourceRegistry();
    env.registerExtensionPoint(reliabilitySliSourcesExtensionPoint, {
      addSliSource: source => sliSources.add(source),
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        auth,
        catalog,
        config,
        database,
        httpRouter,
        lifecycle,
        logger,
        permissionsRegistry,
      }) {
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }

        const incidents = DatabaseIncidentStore.create({ knex });

        permissionsRegistry.addResourceType({
          resourceRef: reliabilityEntityResourceRef,
          permissions: reliabilityPermissions,
          rules: Object.values(reliabilityEntityRules),
          getResources: refs => loadEntityResources({ catalog, auth }, refs),
        });

        if (config.getOptionalBoolean('reliability.demoData.enabled')) {
          const seeder = DemoDataSeeder.create({ incidents, logger });
          lifecycle.addStartupHook(async () => {
            await seeder.seed();
          });
        }

        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.use(await createRouter({ knex, incidents, sliSources }));
      },
    });
  },
});
