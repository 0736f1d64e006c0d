import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SeverityLevel } from '@reliability-hub/plugin-reliability-common';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { DeployGateService } from '../deployGate';
import { IncidentService } from '../incidents/IncidentService';
import { IncidentStore } from '../incidents/IncidentStore';
import { ScheduleService } from '../oncall/ScheduleService';
import { ScheduleStore } from '../oncall/ScheduleStore';
import { RunbookService } from '../runbooks/RunbookService';
import { RunbookStore } from '../runbooks/store/RunbookStore';
import { SloService } from '../slo/SloService';

/**
 * What the plugin's actions call: the services and access checks behind the
 * HTTP routes, the same instances.
 *
 * @internal
 */
export interface ReliabilityActionsOptions {
  actionsRegistry: ActionsRegistryService;
  access: EntityAccess;
  visibility: EntityVisibility;
  catalog: CatalogService;
  severities: SeverityLevel[];
  /** The portal's address (`app.baseUrl`), for links to its pages. */
  appBaseUrl: string;
  incidents: { store: IncidentStore; service: IncidentService };
  oncall: { store: ScheduleStore; service: ScheduleService };
  runbooks: { store: RunbookStore; service: RunbookService };
  slos: SloService;
  deployGate: DeployGateService;
}
