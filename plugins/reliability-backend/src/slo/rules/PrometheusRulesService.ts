import { AuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ALERT_SELECTOR,
  runbookPagePath,
} from '@reliability-hub/plugin-reliability-common';
import { parseAlertSelector } from '../../alertmanager/selector';
import { RunbookService } from '../../runbooks/RunbookService';
import { SloDefinition } from '../parse';
import { SloService } from '../SloService';
import {
  prometheusRuleGroups,
  PrometheusRuleGroup,
  sloAlertNames,
} from './prometheusRules';

/**
 * The Prometheus rules of the SLOs of one entity or of many, with what the
 * alerts need from outside the OpenSLO files: the labels of the entity's
 * alert selector (so the Alertmanager webhook maps the alerts back to it)
 * and the portal pages of the runbooks that name them.
 *
 * @internal
 */
export class PrometheusRulesService {
  static create(options: {
    slos: SloService;
    runbooks: RunbookService;
    catalog: CatalogService;
    auth: AuthService;
    config: RootConfigService;
  }) {
    return new PrometheusRulesService(options);
  }

  private readonly appBaseUrl: string;

  private constructor(
    private readonly options: {
      slos: SloService;
      runbooks: RunbookService;
      catalog: CatalogService;
      auth: AuthService;
      config: RootConfigService;
    },
  ) {
    this.appBaseUrl = (
      options.config.getOptionalString('app.baseUrl') ?? ''
    ).replace(/\/+$/, '');
  }

  /**
   * The rule groups of an entity's SLOs, or of the one named `sloName`.
   * Throws NotFoundError for an entity the catalog does not know or an SLO
   * it does not define.
   */
  async forEntity(
    entityRef: string,
    sloName?: string,
  ): Promise<PrometheusRuleGroup[]> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    let definitions = await this.options.slos.definitions(entityRef);
    if (sloName !== undefined) {
      definitions = definitions.filter(d => d.name === sloName);
      if (!definitions.length) {
        throw new NotFoundError(
          `No SLO named ${sloName} is defined for ${entityRef}`,
        );
      }
    }
    return this.groupsOf(entityRef, entity, definitions);
  }

  /**
   * The rule groups of these entities' SLOs (those the caller may see), in
   * the order of their refs; entities gone from the catalog are left out.
   */
  async forEntities(
    all: Array<{ entityRef: string; definitions: SloDefinition[] }>,
  ): Promise<PrometheusRuleGroup[]> {
    const sorted = [...all].sort((a, b) =>
      a.entityRef.localeCompare(b.entityRef, 'en-US'),
    );
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: sorted.map(e => e.entityRef) },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const groups: PrometheusRuleGroup[] = [];
    for (const [index, { entityRef, definitions }] of sorted.entries()) {
      const entity = items[index];
      if (entity) {
        groups.push(...(await this.groupsOf(entityRef, entity, definitions)));
      }
    }
    return groups;
  }

  private async groupsOf(
    entityRef: string,
    entity: Entity,
    definitions: SloDefinition[],
  ): Promise<PrometheusRuleGroup[]> {
    if (!definitions.length) {
      return [];
    }
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const today = new Date().toISOString().slice(0, 10);
    const runbookUrls = new Map<string, string>();
    for (const alert of Object.values(sloAlertNames(name))) {
      const [runbook] = (
        await this.options.runbooks.forAlert(alert, { today, entityRef })
      ).runbooks.filter(r => r.entityRef === entityRef);
      if (runbook) {
        runbookUrls.set(
          alert,
          `${this.appBaseUrl}${runbookPagePath(runbook.id)}`,
        );
      }
    }
    return prometheusRuleGroups(
      {
        entityRef,
        name,
        labels: alertLabels(entity, name),
        sloPageUrl: `${this.appBaseUrl}/catalog/${encodeURIComponent(
          namespace,
        )}/${encodeURIComponent(
          kind.toLocaleLowerCase('en-US'),
        )}/${encodeURIComponent(name)}/slos`,
        runbookUrlFor: alert => runbookUrls.get(alert),
      },
      definitions,
      new Date(),
    );
  }
}

/**
 * The labels the alerts carry: the equality matchers of the entity's alert
 * selector, else `component: <name>`. Only equality matchers can be labels;
 * a selector of regexes maps nothing, so the alerts name the component.
 */
function alertLabels(entity: Entity, name: string): Record<string, string> {
  const selector = entity.metadata.annotations?.[ANNOTATION_ALERT_SELECTOR];
  try {
    const equal = selector
      ? parseAlertSelector(selector).filter(m => m.operator === '=')
      : [];
    if (equal.length) {
      return Object.fromEntries(equal.map(m => [m.name, m.value]));
    }
  } catch {
    // An invalid selector is reported where it is read; not here.
  }
  return { component: name };
}
