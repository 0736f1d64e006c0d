export { IncidentCommunication } from './IncidentCommunication';
