import { Incident, Page } from '@reliability-hub/plugin-reliability-common';
import { CallerVisibility, withinScope } from '../access/EntityVisibility';
import { IncidentFilter, IncidentStore } from './IncidentStore';

/**
 * One page of the incidents `filter` finds, of the entities the caller may
 * see: what `GET /incidents` and the open-incidents action answer.
 *
 * @internal
 */
export async function listVisibleIncidents(
  filter: IncidentFilter,
  page: { limit: number; cursor?: string },
  options: { store: IncidentStore; visible: CallerVisibility },
): Promise<Page<Incident>> {
  const { store, visible } = options;
  return visible.page(page, {
    list: (request, scope) =>
      store.listIncidents(withinScope(filter, scope), request),
    entityRefs: () => store.listEntityRefs(filter),
    entityRefOf: incident => incident.entityRef,
  });
}
