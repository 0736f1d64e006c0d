import { RootConfigService } from '@backstage/backend-plugin-api';
import { RunbookRecord } from '@reliability-hub/plugin-reliability-common';
import { todayUtc } from '../actionItems/ActionItemService';
import { RunbookStore } from './store/RunbookStore';

/**
 * The runbook an incident opened from an alert links to.
 *
 * @internal
 */
export interface AlertRunbook {
  id: string;
  title: string;
  alertname: string;
  /** The runbook's page in the portal, or a link-only runbook's own URL. */
  url: string;
}

/**
 * Finds the runbook for alerts: the first runbook whose `alerts` name one of
 * them, preferring the entity's own.
 *
 * @internal
 */
export type AlertRunbookLookup = (
  alertnames: string[],
  entityRef: string,
) => Promise<AlertRunbook | undefined>;

/**
 * The portal path of a runbook's page.
 *
 * @internal
 */
export function runbookPagePath(id: string): string {
  return `/reliability/runbooks/${encodeURIComponent(id)}`;
}

/**
 * A lookup over the runbook index; links point at the runbook pages under
 * `app.baseUrl`.
 *
 * @internal
 */
export function createAlertRunbookLookup(options: {
  store: RunbookStore;
  config: RootConfigService;
}): AlertRunbookLookup {
  const appBaseUrl = (
    options.config.getOptionalString('app.baseUrl') ?? ''
  ).replace(/\/+$/, '');
  const urlOf = (runbook: RunbookRecord) =>
    runbook.kind === 'link' && runbook.url
      ? runbook.url
      : `${appBaseUrl}${runbookPagePath(runbook.id)}`;
  return async (alertnames, entityRef) => {
    for (const alertname of [...new Set(alertnames)]) {
      const found = await options.store.findByAlert(alertname, todayUtc());
      const runbook =
        found.find(candidate => candidate.entityRef === entityRef) ?? found[0];
      if (runbook) {
        return {
          id: runbook.id,
          title: runbook.title,
          alertname,
          url: urlOf(runbook),
        };
      }
    }
    return undefined;
  };
}
