import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteParams } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { useEntityLink } from '../shared/links';

/** Path of the entity tab that shows the SLO charts. */
export const SLOS_TAB_PATH = 'slos';

/** The search parameter that names the SLO shown on the tab. */
export const SLO_PARAM = 'slo';

/**
 * Where one SLO of an entity is shown: the entity's SLOs tab with that SLO
 * selected. Works from the entity page and from the organisation's page.
 *
 * @internal
 */
export function useSloLink(): (entityRef: string, sloId?: string) => string {
  const entityLink = useEntityLink();
  return useCallback(
    (entityRef: string, sloId?: string) => {
      const tab = `${entityLink(
        entityRouteParams(parseEntityRef(entityRef)),
      )}/${SLOS_TAB_PATH}`;
      return sloId
        ? `${tab}?${new URLSearchParams({ [SLO_PARAM]: sloId })}`
        : tab;
    },
    [entityLink],
  );
}
