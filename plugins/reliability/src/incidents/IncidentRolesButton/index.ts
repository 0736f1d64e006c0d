export { IncidentRolesButton } from './IncidentRolesButton';
