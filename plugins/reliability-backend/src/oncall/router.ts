import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { createScheduleFeedsRouter } from './feedsRouter';
import { createScheduleDocumentsRouter } from './scheduleDocumentsRouter';
import { ScheduleService } from './ScheduleService';
import { createSchedulesRouter } from './schedulesRouter';
import { ScheduleStore } from './ScheduleStore';
import { ScheduleWrites } from './ScheduleWrites';

/**
 * On-call routes: schedules (CRUD, overrides, final schedule) and who is on
 * call, schedules as YAML documents, and the iCalendar feeds. Writes are
 * authorized with the schedule permissions against the schedule's OWNER
 * GROUP.
 *
 * @internal
 */
export function createOnCallRouter(options: {
  store: ScheduleStore;
  service: ScheduleService;
  access: EntityAccess;
  visibility: EntityVisibility;
  httpAuth: HttpAuthService;
}) {
  const writes = ScheduleWrites.create(options);
  const router = Router();
  router.use(createSchedulesRouter({ ...options, writes }));
  router.use(createScheduleDocumentsRouter({ ...options, writes }));
  router.use(createScheduleFeedsRouter({ ...options, writes }));
  return router;
}
