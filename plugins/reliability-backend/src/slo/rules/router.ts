import { AuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ALERT_SELECTOR,
  entityRefSchema,
  runbookPagePath,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { stringify } from 'yaml';
import { z } from 'zod';
import { EntityVisibility } from '../../access/EntityVisibility';
import { parseAlertSelector } from '../../alertmanager/selector';
import { RunbookService } from '../../runbooks/RunbookService';
import { parseInput } from '../../validation';
import { SloService } from '../SloService';
import {
  prometheusRuleGroups,
  ruleDocument,
  sloAlertNames,
} from './prometheusRules';

const rulesQuerySchema = z
  .object({
    entityRef: entityRefSchema,
    sloName: z.string().trim().min(1).max(255).optional(),
    format: z.enum(['prometheus', 'operator']).default('prometheus'),
  })
  .strict();

/**
 * `GET /slos/prometheus-rules`: the Prometheus rules of an entity's SLOs
 * (or of one, `sloName`) as a rule file or a prometheus-operator
 * `PrometheusRule` (`format=operator`), in YAML. Alerts carry the labels of
 * the entity's alert selector, so the Alertmanager webhook maps them back to
 * it, and link the runbook that names them.
 *
 * @internal
 */
export function createSloRulesRouter(options: {
  service: SloService;
  runbooks: RunbookService;
  visibility: EntityVisibility;
  catalog: CatalogService;
  auth: AuthService;
  config: RootConfigService;
}) {
  const { service, runbooks, visibility, catalog, auth, config } = options;
  const appBaseUrl = (config.getOptionalString('app.baseUrl') ?? '').replace(
    /\/+$/,
    '',
  );
  const router = Router();

  router.get('/slos/prometheus-rules', async (req, res) => {
    const query = parseInput(rulesQuerySchema, req.query, 'rules query');
    await (await visibility.of(req)).assertEntity(query.entityRef);
    const entity = await catalog.getEntityByRef(query.entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${query.entityRef}`);
    }
    let definitions = await service.definitions(query.entityRef);
    if (query.sloName !== undefined) {
      definitions = definitions.filter(d => d.name === query.sloName);
      if (!definitions.length) {
        throw new NotFoundError(
          `No SLO named ${query.sloName} is defined for ${query.entityRef}`,
        );
      }
    }
    const { kind, namespace, name } = parseEntityRef(query.entityRef);
    // Only equality matchers can be labels; a selector of regexes maps
    // nothing, so the alerts name the component instead.
    const selector = entity.metadata.annotations?.[ANNOTATION_ALERT_SELECTOR];
    let labels: Record<string, string> = { component: name };
    try {
      const equal = selector
        ? parseAlertSelector(selector).filter(m => m.operator === '=')
        : [];
      if (equal.length) {
        labels = Object.fromEntries(equal.map(m => [m.name, m.value]));
      }
    } catch {
      // An invalid selector is reported where it is read; not here.
    }
    const today = new Date().toISOString().slice(0, 10);
    const runbookUrls = new Map<string, string>();
    for (const alert of Object.values(sloAlertNames(name))) {
      const [runbook] = (
        await runbooks.forAlert(alert, { today, entityRef: query.entityRef })
      ).runbooks.filter(r => r.entityRef === query.entityRef);
      if (runbook) {
        runbookUrls.set(alert, `${appBaseUrl}${runbookPagePath(runbook.id)}`);
      }
    }
    const groups = prometheusRuleGroups(
      {
        entityRef: query.entityRef,
        name,
        labels,
        sloPageUrl: `${appBaseUrl}/catalog/${encodeURIComponent(
          namespace,
        )}/${encodeURIComponent(
          kind.toLocaleLowerCase('en-US'),
        )}/${encodeURIComponent(name)}/slos`,
        runbookUrlFor: alert => runbookUrls.get(alert),
      },
      definitions,
      new Date(),
    );
    res
      .type('application/yaml')
      .send(stringify(ruleDocument(groups, query.format, name)));
  });

  return router;
}
