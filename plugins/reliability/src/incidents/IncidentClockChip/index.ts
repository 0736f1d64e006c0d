export { IncidentClockChip } from './IncidentClockChip';
