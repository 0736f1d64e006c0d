import Router from 'express-promise-router';
import { createScheduleFeedsRouter } from './feedsRouter';
import { OnCallRouterOptions } from './OnCallRouterOptions';
import { createScheduleDocumentsRouter } from './scheduleDocumentsRouter';
import { createSchedulesRouter } from './schedulesRouter';
import { ScheduleWrites } from './ScheduleWrites';
import { createSwapsRouter } from './swaps/swapsRouter';
import { createHandoffRouter } from './handoff/handoffRouter';

/**
 * On-call routes: schedules (CRUD, overrides, final schedule) and who is on
 * call, schedules as YAML documents, and the iCalendar feeds. Writes are
 * authorized with the schedule permissions against the schedule's OWNER
 * GROUP.
 *
 * @internal
 */
export function createOnCallRouter(options: OnCallRouterOptions) {
  const writes = ScheduleWrites.create(options);
  const router = Router();
  router.use(createSchedulesRouter({ ...options, writes }));
  router.use(createScheduleDocumentsRouter({ ...options, writes }));
  router.use(createScheduleFeedsRouter({ ...options, writes }));
  if (options.swaps) {
    router.use(createSwapsRouter({ ...options, swaps: options.swaps, writes }));
  }
  if (options.handoffs) {
    const { service, notes } = options.handoffs;
    router.use(
      createHandoffRouter({ ...options, handoffs: service, notes, writes }),
    );
  }
  return router;
}
