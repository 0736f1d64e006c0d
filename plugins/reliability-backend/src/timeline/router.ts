import { timelineQuerySchema } from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { EntityVisibility } from '../access/EntityVisibility';
import { parseInput } from '../validation';
import { TimelineService } from './TimelineService';

/**
 * `GET /timeline`: a component's reliability over the last 7, 30 or 90 days.
 *
 * @internal
 */
export function createTimelineRouter(options: {
  service: TimelineService;
  visibility: EntityVisibility;
}) {
  const router = Router();

  router.get('/timeline', async (req, res) => {
    const query = parseInput(timelineQuerySchema, req.query, 'timeline query');
    const visible = await options.visibility.of(req);
    res.json(
      await options.service.timeline(
        { entityRef: query.entityRef, days: query.days, now: new Date() },
        visible,
      ),
    );
  });

  return router;
}
