export { IncidentFilters } from './IncidentFilters';
export type { IncidentFilterValue } from './IncidentFilters';
