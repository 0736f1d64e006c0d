export { IncidentStats } from './IncidentStats';
