export { ScheduleActions } from './ScheduleActions';
