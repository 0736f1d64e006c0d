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
export * from './schemas';
export { overrideConcerns } from './overrideConcerns';
export { escalationLevelOf } from './escalationLevel';
export { onCallHealth, ONCALL_WORKING_HOURS } from './health';
export type {
  HealthIncident,
  OnCallHealth,
  OnCallHealthPerson,
} from './health';
export * from './healthQuery';
export { onCallHealthToCsv } from './healthCsv';
export * from './swaps';
export * from './handoffs';
export { handoffsIn, onCallThroughout } from './handoffTimes';
export type { HandoffTime } from './handoffTimes';
