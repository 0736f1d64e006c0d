import { AuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SeverityLevel } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { IncidentStore } from '../incidents/IncidentStore';
import { readSloConfig } from '../slo/sloConfig';
import { DeployExceptionStore } from './DeployExceptionStore';
import { readDeployGateConfig } from './deployGateConfig';
import { DeployGateService, DeployGateSloSource } from './DeployGateService';

/**
 * The deploy gate, wired from the backend's services and its config
 * (`reliability.slo.policy`); throws naming the key for invalid settings.
 *
 * @internal
 */
export function createDeployGateService(options: {
  knex: Knex;
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
  incidents: IncidentStore;
  slos: DeployGateSloSource;
  severities: SeverityLevel[];
}): DeployGateService {
  const { tiers } = readSloConfig(options.config);
  return DeployGateService.create({
    slos: options.slos,
    incidents: options.incidents,
    exceptions: DeployExceptionStore.create({ knex: options.knex }),
    catalog: options.catalog,
    auth: options.auth,
    tiers,
    config: readDeployGateConfig(options.config, tiers),
    severityOrder: options.severities.map(severity => severity.id),
  });
}
