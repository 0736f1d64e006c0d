import { createApiRef } from '@backstage/core-plugin-api';
import {
  EntityReliabilitySummary,
  Incident,
  IncidentStatus,
  Page,
} from '@reliability-hub/plugin-reliability-common';

/**
 * Which incidents to list.
 *
 * @public
 */
export interface IncidentListRequest {
  entityRef?: string;
  status?: IncidentStatus | 'open';
  severity?: string[];
  limit?: number;
  cursor?: string;
}

/**
 * The Reliability Hub backend, as the frontend uses it.
 *
 * @public
 */
export interface ReliabilityApi {
  /** Everything the entity page shows about one entity, in one call. */
  getEntitySummary(entityRef: string): Promise<EntityReliabilitySummary>;
  /** One page of incidents, newest first. */
  listIncidents(request: IncidentListRequest): Promise<Page<Incident>>;
}

/**
 * API reference of {@link ReliabilityApi}.
 *
 * @public
 */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.service',
});
