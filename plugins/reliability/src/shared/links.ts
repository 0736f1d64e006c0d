import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';

/** Path of the entity tab that holds incidents, incident and postmortem pages. */
export const INCIDENTS_TAB_PATH = 'incidents';

/** The catalog's own default, for apps where its entity route is not bound. */
const defaultEntityLink = (params: {
  namespace: string;
  kind: string;
  name: string;
}) =>
  `/catalog/${encodeURIComponent(params.namespace)}/${encodeURIComponent(
    params.kind,
  )}/${encodeURIComponent(params.name)}`;

/**
 * The path of an entity's page: the catalog's bound route, or its default
 * where the entity page is not mounted.
 *
 * @internal
 */
export function useEntityLink() {
  try {
    // Always the same hooks in the same order; only the result may throw
    // when the catalog entity page is not mounted (tests, slim apps).
    return useRouteRef(entityRouteRef);
  } catch {
    return defaultEntityLink;
  }
}

/**
 * Where the incident and postmortem pages of an entity live: under the
 * entity's Incidents tab, so they work from any page (entity cards, the
 * organisation's reliability page).
 *
 * @internal
 */
export function useReliabilityLinks() {
  const entityLink = useEntityLink();
  return useMemo(() => {
    const incidentsTab = (entityRef: string) =>
      `${entityLink(
        entityRouteParams(parseEntityRef(entityRef)),
      )}/${INCIDENTS_TAB_PATH}`;
    return {
      incidentsTab,
      /** The way back from an incident or postmortem page to the tab. */
      backToIncidents: (record: { entityRef: string }) => ({
        to: incidentsTab(record.entityRef),
        label: 'All incidents',
      }),
      incident: (entityRef: string, incidentId: string) =>
        `${incidentsTab(entityRef)}/${encodeURIComponent(incidentId)}`,
      postmortem: (entityRef: string, postmortemId: string) =>
        `${incidentsTab(entityRef)}/postmortems/${encodeURIComponent(
          postmortemId,
        )}`,
    };
  }, [entityLink]);
}
