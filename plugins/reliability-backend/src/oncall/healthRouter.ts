import {
  onCallHealthPeriodOf,
  onCallHealthQuerySchema,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { todayUtc } from '../actionItems/ActionItemService';
import { parseInput } from '../validation';
import { OnCallRouterOptions } from './OnCallRouterOptions';
import { ScheduleHealthService } from './ScheduleHealthService';
import { ScheduleWrites } from './ScheduleWrites';

/**
 * `GET /schedules/:id/health`: how sustainable a schedule's rotation is
 * over a week, month, quarter or range of at most 92 days, for anyone who
 * may read the schedule.
 *
 * @internal
 */
export function createScheduleHealthRouter(
  options: Omit<OnCallRouterOptions, 'service'> & {
    health: ScheduleHealthService;
  },
) {
  const writes = ScheduleWrites.create(options);
  const router = Router();

  router.get('/schedules/:id/health', async (req, res) => {
    const record = await writes.load(req);
    const query = parseInput(onCallHealthQuerySchema, req.query, 'period');
    res.json(
      await options.health.healthOf(
        record,
        onCallHealthPeriodOf(query, todayUtc()),
        await options.visibility.of(req),
      ),
    );
  });

  return router;
}
