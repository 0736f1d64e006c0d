export * from './types';
export { layerShifts } from './rotation';
export { finalSchedule, gaps, onCallAt, nextShiftFor } from './finalSchedule';
export {
  SCHEDULE_LIMITS,
  ScheduleLimitError,
  scheduleLimitProblems,
} from './limits';
export * from './validation';
export * from './api';
