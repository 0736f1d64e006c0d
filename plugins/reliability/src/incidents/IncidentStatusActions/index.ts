export { IncidentStatusActions } from './IncidentStatusActions';
