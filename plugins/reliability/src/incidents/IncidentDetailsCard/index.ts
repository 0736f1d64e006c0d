export { IncidentDetailsCard } from './IncidentDetailsCard';
