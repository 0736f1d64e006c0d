import { HttpAuthService } from '@backstage/backend-plugin-api';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { ScheduleService } from './ScheduleService';
import { ScheduleStore } from './ScheduleStore';
import { SwapService } from './swaps/SwapService';
import { DatabaseHandoffNoteStore } from './handoff/DatabaseHandoffNoteStore';
import { HandoffService } from './handoff/HandoffService';

/**
 * What the on-call routes are made of.
 *
 * @internal
 */
export interface OnCallRouterOptions {
  store: ScheduleStore;
  service: ScheduleService;
  access: EntityAccess;
  visibility: EntityVisibility;
  httpAuth: HttpAuthService;
  /** Swap requests; their routes are left out without it. */
  swaps?: SwapService;
  /** Hand-off notes and checklists; their routes are left out without it. */
  handoffs?: { service: HandoffService; notes: DatabaseHandoffNoteStore };
}
