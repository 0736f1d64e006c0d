import { AuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  RunbookRecord,
  runbookPagePath,
} from '@reliability-hub/plugin-reliability-common';
import { todayUtc } from '../actionItems/ActionItemService';
import { normalizeRef } from './files/entityRunbookSource';
import { RunbookStore } from './store/RunbookStore';

/** The most alert names of one group looked up. */
const MAX_ALERTNAMES = 20;

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
 * Finds the runbook for alerts on an entity: a runbook whose `alerts` name
 * one of them, the entity's own first, else one of an entity with the same
 * owner in the catalog; never another team's.
 *
 * @internal
 */
export type AlertRunbookLookup = (
  alertnames: string[],
  entityRef: string,
) => Promise<AlertRunbook | undefined>;

/** The owner of an entity as the catalog has it, normalised. */
function ownerOf(entity: Entity): string | undefined {
  return normalizeRef((entity.spec as { owner?: string })?.owner, {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
}

/**
 * A lookup over the runbook index; links point at the runbook pages under
 * `app.baseUrl`.
 *
 * Whose runbook it is comes from the catalog: the owner of the entity that
 * holds it, not the `owner` a runbook file may name (anyone can write that).
 * Without a runbook of the entity or of its owner, nothing is linked.
 *
 * @internal
 */
export function createAlertRunbookLookup(options: {
  store: RunbookStore;
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
}): AlertRunbookLookup {
  const { store, catalog, auth } = options;
  const appBaseUrl = (
    options.config.getOptionalString('app.baseUrl') ?? ''
  ).replace(/\/+$/, '');
  const link = (runbook: RunbookRecord, alertname: string): AlertRunbook => ({
    id: runbook.id,
    title: runbook.title,
    alertname,
    url:
      runbook.kind === 'link' && runbook.url
        ? runbook.url
        : `${appBaseUrl}${runbookPagePath(runbook.id)}`,
  });

  /** The catalog owner of each entity that exists, by entity ref. */
  const ownersOf = async (entityRefs: string[]) => {
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs,
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'spec.owner'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const owners = new Map<string, string>();
    for (const entity of items) {
      const owner = entity ? ownerOf(entity) : undefined;
      if (entity && owner) {
        owners.set(
          stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          owner,
        );
      }
    }
    return owners;
  };

  return async (alertnames, entityRef) => {
    const today = todayUtc();
    const candidates: Array<{ alertname: string; runbook: RunbookRecord }> = [];
    for (const alertname of [...new Set(alertnames)].slice(0, MAX_ALERTNAMES)) {
      for (const runbook of await store.findByAlert(alertname, today)) {
        candidates.push({ alertname, runbook });
      }
    }
    const own = candidates.find(c => c.runbook.entityRef === entityRef);
    if (own) {
      return link(own.runbook, own.alertname);
    }
    if (!candidates.length) {
      return undefined;
    }
    const owners = await ownersOf([
      entityRef,
      ...new Set(candidates.map(c => c.runbook.entityRef)),
    ]);
    const owner = owners.get(entityRef);
    const team =
      owner && candidates.find(c => owners.get(c.runbook.entityRef) === owner);
    return team ? link(team.runbook, team.alertname) : undefined;
  };
}
