import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The portal path of a runbook's page, in the Reliability page's runbook
 * library: where incidents and search results link a runbook.
 *
 * @example
 * ```ts
 * runbookPagePath('component:default/checkout/db-pool');
 * // '/reliability/runbooks/component%3Adefault%2Fcheckout%2Fdb-pool'
 * ```
 *
 * @public
 */
export function runbookPagePath(runbookId: string): string {
  return `/reliability/runbooks/${encodeURIComponent(runbookId)}`;
}

/**
 * The portal path of a postmortem's page: under the Incidents tab of its
 * entity's page, at the catalog's default entity route
 * (`/catalog/:namespace/:kind/:name`).
 *
 * @example
 * ```ts
 * postmortemPagePath('component:default/checkout', 'pm-1');
 * // '/catalog/default/component/checkout/incidents/postmortems/pm-1'
 * ```
 *
 * @public
 */
export function postmortemPagePath(
  entityRef: string,
  postmortemId: string,
): string {
  return `${incidentsTabPath(entityRef)}/postmortems/${encodeURIComponent(
    postmortemId,
  )}`;
}

/**
 * The portal path of an incident's page: under the Incidents tab of its
 * entity's page, where notifications about the incident link.
 *
 * @example
 * ```ts
 * incidentPagePath('component:default/checkout', 'INC-20261207-001');
 * // '/catalog/default/component/checkout/incidents/INC-20261207-001'
 * ```
 *
 * @public
 */
export function incidentPagePath(
  entityRef: string,
  incidentId: string,
): string {
  return `${incidentsTabPath(entityRef)}/${encodeURIComponent(incidentId)}`;
}

/**
 * The portal path of an entity's SLOs tab, at the catalog's default entity
 * route, with one objective selected when `sloId` is given: where
 * notifications about an SLO link.
 *
 * @example
 * ```ts
 * sloPagePath('component:default/checkout', 'component:default/checkout/availability/0');
 * // '/catalog/default/component/checkout/slos?slo=component%3Adefault%2Fcheckout%2Favailability%2F0'
 * ```
 *
 * @public
 */
export function sloPagePath(entityRef: string, sloId?: string): string {
  const tab = `${entityPath(entityRef)}/slos`;
  return sloId ? `${tab}?${new URLSearchParams({ slo: sloId })}` : tab;
}

/** The Incidents tab of an entity at the catalog's default entity route. */
function incidentsTabPath(entityRef: string): string {
  return `${entityPath(entityRef)}/incidents`;
}

/** An entity's page at the catalog's default entity route. */
function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
}
