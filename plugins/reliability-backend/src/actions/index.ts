import { createDeclareIncidentAction } from './declareIncidentAction';
import { createDeployVerdictAction } from './deployVerdictAction';
import { createFindRunbooksAction } from './findRunbooksAction';
import { createOpenIncidentsAction } from './openIncidentsAction';
import { ReliabilityActionsOptions } from './ReliabilityActionsOptions';
import { createSloStatusAction } from './sloStatusAction';
import { createWhoIsOnCallAction } from './whoIsOnCallAction';

export type { ReliabilityActionsOptions } from './ReliabilityActionsOptions';

/**
 * Registers the plugin's actions for AI assistants and other callers of the
 * backend's actions registry: thin front ends, like the routers, over the
 * same services and access checks.
 *
 * @internal
 */
export function registerReliabilityActions(
  options: ReliabilityActionsOptions,
): void {
  createWhoIsOnCallAction(options);
  createSloStatusAction(options);
  createFindRunbooksAction(options);
  createOpenIncidentsAction(options);
  createDeclareIncidentAction(options);
  createDeployVerdictAction(options);
}
