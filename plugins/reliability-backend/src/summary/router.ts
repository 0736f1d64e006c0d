import Router from 'express-promise-router';
import { z } from 'zod';
import { todayUtc } from '../actionItems/ActionItemService';
import { ActionItemStore } from '../actionItems/ActionItemStore';
import { IncidentStore } from '../incidents/IncidentStore';
import { entityRefSchema, parseInput } from '../validation';

const querySchema = z.object({ entityRef: entityRefSchema }).strict();

/** How many incidents and action items the entity page lists. */
const RECENT_ITEMS = 5;

/**
 * The one call behind every card of the entity page.
 *
 * @internal
 */
export function createSummaryRouter(options: {
  incidents: IncidentStore;
  actionItems: ActionItemStore;
}) {
  const router = Router();

  router.get('/entity-summary', async (req, res) => {
    const { entityRef } = parseInput(querySchema, req.query, 'summary query');
    const [incidents, actionItems] = await Promise.all([
      options.incidents.getEntitySummary(entityRef, {
        now: new Date(),
        recentLimit: RECENT_ITEMS,
      }),
      options.actionItems.getEntitySummary(entityRef, {
        today: todayUtc(),
        limit: RECENT_ITEMS,
      }),
    ]);
    res.json({ entityRef, incidents, actionItems });
  });

  return router;
}
