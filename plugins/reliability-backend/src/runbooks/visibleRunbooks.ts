import {
  RunbookLibraryPage,
  RunbooksForAlert,
} from '@reliability-hub/plugin-reliability-common';
import { CallerVisibility, withinScope } from '../access/EntityVisibility';
import { RunbookService } from './RunbookService';
import { RunbookLibraryQuery, RunbookStore } from './store/RunbookStore';

/**
 * The runbooks whose `alerts` name the alert, those of `entityRef` first,
 * of the entities the caller may see: what `GET /runbooks/by-alert/:alertname`
 * and the runbook action answer.
 *
 * @internal
 */
export async function visibleRunbooksForAlert(
  alertname: string,
  query: { today: string; entityRef?: string },
  options: { service: RunbookService; visible: CallerVisibility },
): Promise<RunbooksForAlert> {
  const found = await options.service.forAlert(alertname, query);
  return {
    ...found,
    runbooks: await options.visible.filter(found.runbooks, r => r.entityRef),
  };
}

/**
 * A page of the runbook library, of the entities the caller may see: every
 * entity the filters find is checked, so the total counts only what the
 * caller may see and pages come back full.
 *
 * @internal
 */
export async function searchVisibleLibrary(
  filter: RunbookLibraryQuery,
  options: { store: RunbookStore; visible: CallerVisibility },
): Promise<RunbookLibraryPage> {
  const { store, visible } = options;
  const scope = await visible.scope(await store.libraryEntityRefs(filter));
  return store.searchLibrary(withinScope(filter, scope));
}
