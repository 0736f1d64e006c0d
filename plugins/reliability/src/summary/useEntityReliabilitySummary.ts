import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../api';

/**
 * The reliability summary of the entity in context: one request, shared by
 * whichever cards of ours the page shows.
 *
 * @internal
 */
export function useEntityReliabilitySummary() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const entityRef = stringifyEntityRef(entity);
  return useAsyncRetry(() => api.getEntitySummary(entityRef), [api, entityRef]);
}
