export { IncidentRoleFields } from './IncidentRoleFields';
export type { IncidentRole } from './IncidentRoleFields';
export { useIncidentRoles } from './useIncidentRoles';
