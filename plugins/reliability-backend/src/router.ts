import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { SliSourceRegistry } from '@reliability-hub/plugin-reliability-node';
import { SeverityLevel } from '@reliability-hub/plugin-reliability-common';
import {
  AuthService,
  HttpAuthService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityAccess } from './access/EntityAccess';
import { EntityVisibility } from './access/EntityVisibility';
import { AlertmanagerWebhookService } from './alertmanager/AlertmanagerWebhookService';
import { createAlertmanagerRouter } from './alertmanager/router';
import { ActionItemService } from './actionItems/ActionItemService';
import { ActionItemStore } from './actionItems/ActionItemStore';
import { createActionItemsRouter } from './actionItems/router';
import { createHealthRouter } from './health/router';
import { IncidentEscalationService } from './incidents/escalation/IncidentEscalationService';
import { IncidentService } from './incidents/IncidentService';
import { IncidentStore } from './incidents/IncidentStore';
import { createIncidentsRouter } from './incidents/router';
import { readIncidentTemplates } from './incidents/templates';
import { PostmortemService } from './postmortems/PostmortemService';
import { PostmortemStore } from './postmortems/PostmortemStore';
import { createPostmortemsRouter } from './postmortems/router';
import { createSummaryRouter } from './summary/router';
import { EntitySummaryParts } from './summary/EntitySummaryParts';
import { createReviewRouter } from './review/router';
import { ReviewService } from './review/ReviewService';
import { createTimelineRouter } from './timeline/router';
import { TimelineService } from './timeline/TimelineService';
import { DEFAULT_POSTMORTEM_DUE_HOURS } from './review/postmortemDue';
import { readSloConfig } from './slo/sloConfig';
import { createOnCallRouter } from './oncall/router';
import { createScheduleHealthRouter } from './oncall/healthRouter';
import { ScheduleHealthService } from './oncall/ScheduleHealthService';
import { createSloRouter } from './slo/router';
import { createSloRulesRouter } from './slo/rules/router';
import { SloFeature } from './slo/setupSlos';
import { createRunbooksRouter } from './runbooks/router';
import { databaseUnavailableHandler } from './database/unavailable';
import { DeployGateService } from './deployGate';
import { createDeployGateRouter } from './deployGate/router';
import { RunbookFileRefresher } from './runbooks/files/RunbookFileRefresher';
import { RunbookService } from './runbooks/RunbookService';
import { RunbookStore } from './runbooks/store/RunbookStore';
import { ScheduleService } from './oncall/ScheduleService';
import { ScheduleStore } from './oncall/ScheduleStore';
import { SwapService } from './oncall/swaps/SwapService';
import { OnCallRouterOptions } from './oncall/OnCallRouterOptions';

/**
 * Everything the routers need, wired once by the plugin.
 *
 * @internal
 */
export interface RouterContext {
  knex: Knex;
  sliSources: SliSourceRegistry;
  access: EntityAccess;
  visibility: EntityVisibility;
  severities: SeverityLevel[];
  incidents: {
    store: IncidentStore;
    service: IncidentService;
    escalations: IncidentEscalationService;
  };
  postmortems: {
    store: PostmortemStore;
    service: PostmortemService;
    httpAuth: HttpAuthService;
  };
  actionItems: { store: ActionItemStore; service: ActionItemService };
  oncall: {
    store: ScheduleStore;
    service: ScheduleService;
    httpAuth: HttpAuthService;
    swaps?: SwapService;
    handoffs?: OnCallRouterOptions['handoffs'];
  };
  alertmanager: AlertmanagerWebhookService;
  slos: SloFeature;
  runbooks: {
    store: RunbookStore;
    service: RunbookService;
    refresher: RunbookFileRefresher;
  };
  deployGate: DeployGateService;
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
}

/**
 * The plugin's HTTP API: one router per feature.
 *
 * @internal
 */
export async function createRouter(
  ctx: RouterContext,
): Promise<express.Router> {
  const router = Router();
  const { deployGate } = ctx;
  // Before the JSON parser: the webhook checks its secret before reading the
  // body, and alert groups may be larger than other requests.
  router.use(
    createAlertmanagerRouter({ service: ctx.alertmanager, config: ctx.config }),
  );
  router.use(express.json({ limit: '1mb' }));
  router.use(createHealthRouter(ctx));
  router.use(
    createSummaryRouter({
      parts: EntitySummaryParts.create({
        knex: ctx.knex,
        incidents: ctx.incidents.store,
        actionItems: ctx.actionItems.store,
        severities: ctx.severities,
      }),
      oncall: ctx.oncall.service,
      schedules: ctx.oncall.store,
      catalog: ctx.catalog,
      visibility: ctx.visibility,
      runbooks: ctx.runbooks.service,
      slos: ctx.slos.service,
      deployGate,
    }),
  );
  router.use(
    createDeployGateRouter({
      service: deployGate,
      access: ctx.access,
      visibility: ctx.visibility,
      auth: ctx.auth,
    }),
  );
  router.use(
    createReviewRouter({
      service: ReviewService.create({
        knex: ctx.knex,
        catalog: ctx.catalog,
        severityOrder: ctx.severities.map(severity => severity.id),
        tiers: readSloConfig(ctx.config).tiers,
        postmortemDueHours: DEFAULT_POSTMORTEM_DUE_HOURS,
      }),
      visibility: ctx.visibility,
    }),
  );
  router.use(
    createTimelineRouter({
      service: new TimelineService({
        knex: ctx.knex,
        schedules: ctx.oncall.service,
      }),
      visibility: ctx.visibility,
    }),
  );
  router.use(
    createIncidentsRouter({
      ...ctx.incidents,
      oncall: ctx.oncall,
      access: ctx.access,
      visibility: ctx.visibility,
      severities: ctx.severities,
      templates: readIncidentTemplates(ctx.config),
    }),
  );
  router.use(
    createPostmortemsRouter({
      ...ctx.postmortems,
      access: ctx.access,
      visibility: ctx.visibility,
    }),
  );
  router.use(
    createActionItemsRouter({
      ...ctx.actionItems,
      postmortems: ctx.postmortems.store,
      access: ctx.access,
      visibility: ctx.visibility,
    }),
  );
  router.use(
    createOnCallRouter({
      ...ctx.oncall,
      access: ctx.access,
      visibility: ctx.visibility,
    }),
  );
  router.use(
    createScheduleHealthRouter({
      ...ctx.oncall,
      access: ctx.access,
      visibility: ctx.visibility,
      health: ScheduleHealthService.create({
        knex: ctx.knex,
        catalog: ctx.catalog,
      }),
    }),
  );
  router.use(
    createSloRulesRouter({
      service: ctx.slos.service,
      runbooks: ctx.runbooks.service,
      visibility: ctx.visibility,
      catalog: ctx.catalog,
      auth: ctx.auth,
      config: ctx.config,
    }),
  );
  router.use(
    createSloRouter({
      service: ctx.slos.service,
      access: ctx.access,
      visibility: ctx.visibility,
    }),
  );
  router.use(
    createRunbooksRouter({
      ...ctx.runbooks,
      access: ctx.access,
      visibility: ctx.visibility,
    }),
  );
  // Last: a request that failed because the database is down answers 503.
  router.use(databaseUnavailableHandler({ knex: ctx.knex }));
  return router;
}
