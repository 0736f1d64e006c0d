export { IncidentRunbooks } from './IncidentRunbooks';
