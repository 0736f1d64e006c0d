import { EntityIncidentSummary } from './incidents';

/**
 * Everything the entity page shows about one entity, answered by one call
 * (`GET /api/reliability/entity-summary?entityRef=...`).
 *
 * @public
 */
export interface EntityReliabilitySummary {
  entityRef: string;
  incidents: EntityIncidentSummary;
}
