import { AuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { entityRefSchema } from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { stringify } from 'yaml';
import { z } from 'zod';
import { EntityVisibility } from '../../access/EntityVisibility';
import { RunbookService } from '../../runbooks/RunbookService';
import { parseInput } from '../../validation';
import { SloService } from '../SloService';
import { ruleDocument } from './prometheusRules';
import { PrometheusRulesService } from './PrometheusRulesService';

/**
 * The most components whose rules one request for everything answers: each
 * costs a few runbook lookups, and a rule file cut short would silently drop
 * alerts, so past it the caller asks per component.
 *
 * @internal
 */
export const MAX_RULES_COMPONENTS = 200;

const rulesQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    sloName: z.string().trim().min(1).max(255).optional(),
    format: z.enum(['prometheus', 'operator']).default('prometheus'),
  })
  .strict()
  .refine(query => query.sloName === undefined || query.entityRef, {
    message: 'an SLO is named within its entity: set entityRef too',
    path: ['sloName'],
  });

/**
 * `GET /slos/prometheus-rules`: the Prometheus rules of one SLO
 * (`entityRef` and `sloName`), of an entity's SLOs (`entityRef`), or of the
 * SLOs of every entity the caller may see (neither), as a rule file or a
 * prometheus-operator `PrometheusRule` (`format=operator`), in YAML.
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
  const { service, visibility } = options;
  const rules = PrometheusRulesService.create({ ...options, slos: service });
  const router = Router();

  router.get('/slos/prometheus-rules', async (req, res) => {
    const query = parseInput(rulesQuerySchema, req.query, 'rules query');
    const visible = await visibility.of(req);
    let groups;
    let name: string;
    if (query.entityRef) {
      await visible.assertEntity(query.entityRef);
      groups = await rules.forEntity(query.entityRef, query.sloName);
      name = parseEntityRef(query.entityRef).name;
    } else {
      const all = (await service.allDefinitions()).filter(
        entity => entity.definitions.length,
      );
      const seen = await visible.filter(all, entity => entity.entityRef);
      if (seen.length > MAX_RULES_COMPONENTS) {
        throw new InputError(
          `Invalid rules query: entityRef: ${seen.length} components have SLOs, more than the ${MAX_RULES_COMPONENTS} one request answers; ask for each component's rules with entityRef`,
        );
      }
      groups = await rules.forEntities(seen);
      name = 'reliability-hub';
    }
    res
      .type('application/yaml')
      .send(stringify(ruleDocument(groups, query.format, name)));
  });

  return router;
}
