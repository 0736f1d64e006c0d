export { IncidentClocks } from './IncidentClocks';
