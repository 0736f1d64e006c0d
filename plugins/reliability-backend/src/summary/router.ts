import Router from 'express-promise-router';
import { z } from 'zod';
import { IncidentStore } from '../incidents/IncidentStore';
import { entityRefSchema, parseInput } from '../validation';

const querySchema = z.object({ entityRef: entityRefSchema }).strict();

/** How many recent incidents the entity page lists. */
const RECENT_INCIDENTS = 5;

/**
 * The one call behind every card of the entity page.
 *
 * @internal
 */
export function createSummaryRouter(options: { incidents: IncidentStore }) {
  const router = Router();

  router.get('/entity-summary', async (req, res) => {
    const { entityRef } = parseInput(querySchema, req.query, 'summary query');
    const incidents = await options.incidents.getEntitySummary(entityRef, {
      now: new Date(),
      recentLimit: RECENT_INCIDENTS,
    });
    res.json({ entityRef, incidents });
  });

  return router;
}
