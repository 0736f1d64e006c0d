export { IncidentEscalationCard } from './IncidentEscalationCard';
