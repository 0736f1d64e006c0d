import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityReliabilitySummary,
  Incident,
  Page,
} from '@reliability-hub/plugin-reliability-common';
import { IncidentListRequest, ReliabilityApi } from './ReliabilityApi';

/**
 * {@link ReliabilityApi} over HTTP, with the signed-in user's token.
 *
 * @public
 */
export class ReliabilityClient implements ReliabilityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntitySummary(entityRef: string): Promise<EntityReliabilitySummary> {
    return this.get('/entity-summary', { entityRef });
  }

  async listIncidents(request: IncidentListRequest): Promise<Page<Incident>> {
    return this.get('/incidents', {
      entityRef: request.entityRef,
      status: request.status,
      severity: request.severity?.join(','),
      limit: request.limit?.toString(),
      cursor: request.cursor,
    });
  }

  private async get<T>(
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, value);
      }
    }
    const search = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
