import {
  Incident,
  runbookPagePath,
} from '@reliability-hub/plugin-reliability-common';
import { RunbookStore } from './store/RunbookStore';

/** Where the portal shows a runbook (see `runbookPagePath`). */
const RUNBOOK_PAGE_PATH = /^\/reliability\/runbooks\/([^/]+)$/;

/**
 * Records, for each runbook a resolved drill used, that the drill validated
 * it then.
 *
 * @internal
 */
export type DrillRunbookValidation = (incident: Incident) => Promise<void>;

/**
 * The runbooks a drill used, from its `runbookUrl`: the runbook page of the
 * portal it links to, or a link-only runbook of the drill's own component
 * with that URL (the same URL on another team's component is theirs to
 * validate).
 *
 * @internal
 */
export async function runbooksOfDrill(
  store: Pick<RunbookStore, 'getRunbook' | 'findIdsByUrl'>,
  incident: Pick<Incident, 'entityRef' | 'runbookUrl'>,
  appBaseUrl: string,
): Promise<string[]> {
  const url = incident.runbookUrl;
  if (!url) {
    return [];
  }
  let parsed: URL;
  try {
    parsed = new URL(url, appBaseUrl || 'http://portal.invalid');
  } catch {
    return [];
  }
  const portal = appBaseUrl ? new URL(appBaseUrl) : undefined;
  const page = RUNBOOK_PAGE_PATH.exec(parsed.pathname);
  if (page && (!portal || parsed.origin === portal.origin)) {
    let id: string;
    try {
      id = decodeURIComponent(page[1]);
    } catch {
      return [];
    }
    return (await store.getRunbook(id, '0000-01-01')) ? [id] : [];
  }
  const ids = await store.findIdsByUrl(url);
  const own = `${incident.entityRef.toLocaleLowerCase('en-US')}/`;
  return ids.filter(id => id.toLocaleLowerCase('en-US').startsWith(own));
}

/**
 * Marks the runbooks of a drill validated at its resolution time. Real
 * incidents validate nothing: a runbook followed under pressure may have
 * been worked around, a drill is where it is walked through on purpose.
 *
 * @internal
 */
export function createDrillRunbookValidation(options: {
  store: RunbookStore;
  appBaseUrl: string;
}): DrillRunbookValidation {
  const { store, appBaseUrl } = options;
  return async incident => {
    if (!incident.drill || !incident.resolvedAt) {
      return;
    }
    for (const runbookId of await runbooksOfDrill(
      store,
      incident,
      appBaseUrl,
    )) {
      await store.recordValidation(runbookId, {
        at: new Date(incident.resolvedAt),
        incidentId: incident.id,
      });
    }
  };
}

/**
 * The link to a runbook of an entity, as an incident declared with it keeps
 * it: the runbook's page in the portal, or a link-only runbook's own URL.
 * Another entity's runbook is no runbook of this one: a drill validates only
 * its own component's runbooks.
 *
 * @internal
 */
export function createRunbookLink(options: {
  store: Pick<RunbookStore, 'getRunbook'>;
  appBaseUrl: string;
}) {
  const { store } = options;
  const appBaseUrl = options.appBaseUrl.replace(/\/+$/, '');
  return async (
    runbookId: string,
    entityRef: string,
  ): Promise<string | undefined> => {
    const runbook = await store.getRunbook(runbookId, '0000-01-01');
    if (
      !runbook ||
      runbook.entityRef.toLocaleLowerCase('en-US') !==
        entityRef.toLocaleLowerCase('en-US')
    ) {
      return undefined;
    }
    return runbook.kind === 'link' && runbook.url
      ? runbook.url
      : `${appBaseUrl}${runbookPagePath(runbook.id)}`;
  };
}
