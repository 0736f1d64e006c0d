import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityQuerySchema,
  EntityReliabilitySummary,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { todayUtc } from '../actionItems/ActionItemService';
import { EntityVisibility } from '../access/EntityVisibility';
import { ScheduleService } from '../oncall/ScheduleService';
import { ScheduleStore } from '../oncall/ScheduleStore';
import { visibleOnCall } from '../oncall/visibleOnCall';
import { RunbookService } from '../runbooks/RunbookService';
import { SloService } from '../slo/SloService';
import { parseInput } from '../validation';
import { componentsOf } from './componentsOf';
import { DeployGateService } from '../deployGate';
import { EntitySummaryParts } from './EntitySummaryParts';

/**
 * The one call behind every card of the entity page. For a group or a system
 * it aggregates the components the group owns or the system has. Everything
 * is as far as the caller may see in the catalog: the entity itself (else
 * 404), its components, and the schedules' owner groups.
 *
 * @internal
 */
export function createSummaryRouter(options: {
  parts: EntitySummaryParts;
  oncall: ScheduleService;
  schedules: ScheduleStore;
  catalog: CatalogService;
  visibility: EntityVisibility;
  runbooks?: RunbookService;
  slos?: SloService;
  deployGate?: DeployGateService;
}) {
  const router = Router();

  router.get('/entity-summary', async (req, res) => {
    const { entityRef } = parseInput(
      entityQuerySchema,
      req.query,
      'summary query',
    );
    const visible = await options.visibility.of(req);
    // Read once, with the caller's credentials, for every card: the catalog
    // (and through it the permission policy) is asked once, not per card.
    const entity = await visible.entity(entityRef);
    const components = await componentsOf(entityRef, {
      catalog: options.catalog,
      credentials: visible.credentials,
    });
    const refs = components ?? entityRef;
    const [{ incidents, actionItems }, oncall, runbooks, slos] =
      await Promise.all([
        options.parts.read(refs),
        // The entity's own schedules (annotation, else its owner group's).
        options.oncall
          .onCallNow({ entityRef, entity })
          .then(onCall =>
            visibleOnCall(onCall, { visible, store: options.schedules }),
          ),
        options.runbooks?.entityRunbooks(entityRef, {
          today: todayUtc(),
          components,
        }),
        components
          ? options.slos?.forComponents(entityRef, components)
          : options.slos?.forEntity(entityRef, entity),
      ]);
    // The verdict judges one entity's own SLOs; groups and systems have none.
    const deployGate =
      slos && !components
        ? await options.deployGate?.verdicts({
            entityRef,
            entity,
            credentials: visible.credentials,
            slos,
          })
        : undefined;
    const summary: EntityReliabilitySummary = {
      entityRef,
      components,
      incidents,
      actionItems,
      oncall,
      runbooks,
      slos,
      ...(deployGate ? { deployGate } : {}),
    };
    res.json(summary);
  });

  return router;
}
