import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { reliabilityPermissions } from '@reliability-hub/plugin-reliability-common';
import {
  reliabilitySliSourcesExtensionPoint,
  SliSourceRegistry,
} from '@reliability-hub/plugin-reliability-node';
import { EntityAccess } from './access/EntityAccess';
import { registerReliabilityActions } from './actions';
import { createDeployGateService } from './deployGate';
import { EntityVisibility } from './access/EntityVisibility';
import { AlertmanagerWebhookService } from './alertmanager/AlertmanagerWebhookService';
import { ActionItemService } from './actionItems/ActionItemService';
import { DatabaseActionItemStore } from './actionItems/DatabaseActionItemStore';
import { applyDatabaseMigrations } from './database/migrations';
import { takeTurnsOnSqlite } from './database/turnsOnSqlite';
import { useWriteAheadLogOnSqlite } from './database/writeAheadLog';
import { DemoDataSeeder } from './demo/DemoDataSeeder';
import { DatabaseIncidentStore } from './incidents/DatabaseIncidentStore';
import { IncidentService } from './incidents/IncidentService';
import { IncidentAnnouncer } from './incidents/escalation/IncidentAnnouncer';
import { IncidentEscalationService } from './incidents/escalation/IncidentEscalationService';
import { scheduleIncidentEscalation } from './incidents/escalation/scheduleIncidentEscalation';
import { ReliabilityNotifier } from './notifications/ReliabilityNotifier';
import { readSeverityLevels } from './incidents/severities';
import { DatabasePostmortemStore } from './postmortems/DatabasePostmortemStore';
import { PostmortemService } from './postmortems/PostmortemService';
import { PostmortemAnnouncer } from './postmortems/PostmortemAnnouncer';
import { PostmortemReminders } from './postmortems/PostmortemReminders';
import { schedulePostmortemReminders } from './postmortems/schedulePostmortemReminders';
import { loadEntityResources } from './permissions/loadEntityResources';
import {
  reliabilityEntityResourceRef,
  reliabilityEntityRules,
} from './permissions/resource';
import { createRouter } from './router';
import { createAlertRunbookLookup } from './runbooks/alertRunbooks';
import { RunbookFileRefresher } from './runbooks/files/RunbookFileRefresher';
import { scheduleRunbookFileRefresh } from './runbooks/files/scheduleRunbookFileRefresh';
import { RunbookService } from './runbooks/RunbookService';
import {
  createDrillRunbookValidation,
  createRunbookLink,
} from './runbooks/drillValidations';
import { DatabaseRunbookStore } from './runbooks/store/DatabaseRunbookStore';
import { ScheduleService } from './oncall/ScheduleService';
import { setupSlos } from './slo/setupSlos';
import { DatabaseScheduleStore } from './oncall/DatabaseScheduleStore';
import { DatabaseSwapStore } from './oncall/swaps/DatabaseSwapStore';
import { SwapService } from './oncall/swaps/SwapService';
import { DatabaseHandoffNoteStore } from './oncall/handoff/DatabaseHandoffNoteStore';
import { HandoffService } from './oncall/handoff/HandoffService';
import { scheduleHandoffReminders } from './oncall/handoff/scheduleHandoffReminders';

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
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
      },
      async init({
        actionsRegistry,
        auditor,
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        notifications,
        permissions,
        permissionsRegistry,
        scheduler,
        urlReader,
      }) {
        const knex = await database.getClient();
        takeTurnsOnSqlite(knex);
        await useWriteAheadLogOnSqlite(knex, logger);
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }

        const incidents = DatabaseIncidentStore.create({ knex });
        const postmortems = DatabasePostmortemStore.create({ knex });
        const actionItems = DatabaseActionItemStore.create({ knex });
        const severities = readSeverityLevels(config);
        const schedules = DatabaseScheduleStore.create({
          knex,
          feedSecret: config.getOptionalString('reliability.oncall.feedSecret'),
        });
        const scheduleService = ScheduleService.create({
          store: schedules,
          catalog,
          auth,
        });
        const notifier = ReliabilityNotifier.create({
          knex,
          config,
          sender: notifications,
        });
        const postmortemAnnouncer = PostmortemAnnouncer.create({
          notifier,
          catalog,
          auth,
          logger,
        });
        await schedulePostmortemReminders({
          scheduler,
          config,
          logger,
          reminders: PostmortemReminders.create({
            knex,
            severities,
            announcer: postmortemAnnouncer,
          }),
        });
        const escalations = IncidentEscalationService.create({
          store: incidents,
          schedules: scheduleService,
          severities,
          announcer: IncidentAnnouncer.create({
            notifier,
            catalog,
            auth,
            logger,
          }),
          logger,
        });
        await scheduleIncidentEscalation({
          scheduler,
          config,
          logger,
          escalations,
        });
        const handoffNotes = DatabaseHandoffNoteStore.create({ knex });
        const handoffs = HandoffService.create({
          notes: handoffNotes,
          schedules,
          incidents,
          actionItems,
          catalog,
          auth,
          notifier,
          logger,
        });
        await scheduleHandoffReminders({ scheduler, config, logger, handoffs });
        const runbookStore = DatabaseRunbookStore.create({ knex });
        const runbookRefresher = RunbookFileRefresher.create({
          store: runbookStore,
          catalog,
          auth,
          urlReader,
          logger,
        });
        await scheduleRunbookFileRefresh({
          scheduler,
          config,
          logger,
          refresher: runbookRefresher,
        });
        const slos = await setupSlos({
          knex,
          config,
          catalog,
          auth,
          urlReader,
          scheduler,
          logger,
          sliSources,
          notifier,
          demoData: Boolean(
            config.getOptionalBoolean('reliability.demoData.enabled'),
          ),
        });

        permissionsRegistry.addResourceType({
          resourceRef: reliabilityEntityResourceRef,
          permissions: reliabilityPermissions,
          rules: Object.values(reliabilityEntityRules),
          getResources: refs => loadEntityResources({ catalog, auth }, refs),
        });

        if (config.getOptionalBoolean('reliability.demoData.enabled')) {
          const seeder = DemoDataSeeder.create({
            incidents,
            postmortems,
            actionItems,
            schedules,
            runbooks: runbookStore,
            appBaseUrl: config.getOptionalString('app.baseUrl'),
            logger,
          });
          lifecycle.addStartupHook(async () => {
            await seeder.seed();
          });
        }

        const visibility = EntityVisibility.create({
          httpAuth,
          catalog,
          permissions,
          auth,
        });
        const access = EntityAccess.create({
          httpAuth,
          permissions,
          auditor,
          visibility,
        });
        const runbookService = RunbookService.create({ store: runbookStore });
        const incidentService = IncidentService.create({
          store: incidents,
          severities,
          announcer: escalations,
          drillResolved: createDrillRunbookValidation({
            store: runbookStore,
            appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
          }),
          runbookLink: createRunbookLink({
            store: runbookStore,
            appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
          }),
        });

        const deployGate = createDeployGateService({
          knex,
          config,
          catalog,
          auth,
          incidents,
          slos: slos.service,
          severities,
        });

        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // Alertmanager has no Backstage token: the webhook checks its own secret.
        httpRouter.addAuthPolicy({
          path: '/webhooks/alertmanager',
          allow: 'unauthenticated',
        });
        // Calendar apps have no Backstage token: each feed checks its secret.
        httpRouter.addAuthPolicy({ path: '/ical', allow: 'unauthenticated' });
        httpRouter.use(
          await createRouter({
            knex,
            config,
            catalog,
            auth,
            sliSources,
            severities,
            alertmanager: AlertmanagerWebhookService.create({
              incidents,
              catalog,
              auth,
              auditor,
              config,
              logger,
              runbooks: createAlertRunbookLookup({
                store: runbookStore,
                config,
                catalog,
                auth,
              }),
            }),
            access,
            visibility,
            slos,
            deployGate,
            runbooks: {
              store: runbookStore,
              service: runbookService,
              refresher: runbookRefresher,
            },
            incidents: {
              store: incidents,
              service: incidentService,
              escalations,
            },
            postmortems: {
              store: postmortems,
              service: PostmortemService.create({
                postmortems,
                incidents,
                actionItems,
                announcer: postmortemAnnouncer,
                catalog,
                auth,
              }),
              httpAuth,
            },
            oncall: {
              httpAuth,
              store: schedules,
              service: scheduleService,
              swaps: SwapService.create({
                store: DatabaseSwapStore.create({ knex }),
                notifier,
                logger,
              }),
              handoffs: { service: handoffs, notes: handoffNotes },
            },
            actionItems: {
              store: actionItems,
              service: ActionItemService.create({
                store: actionItems,
                catalog,
                auth,
              }),
            },
          }),
        );

        registerReliabilityActions({
          actionsRegistry,
          access,
          visibility,
          catalog,
          severities,
          appBaseUrl: (config.getOptionalString('app.baseUrl') ?? '').replace(
            /\/+$/,
            '',
          ),
          incidents: { store: incidents, service: incidentService },
          oncall: { store: schedules, service: scheduleService },
          runbooks: { store: runbookStore, service: runbookService },
          slos: slos.service,
          deployGate,
        });
      },
    });
  },
});
