/**
 * Reliability Hub's scaffolder actions: a template step that asks the
 * deploy gate.
 *
 * @packageDocumentation
 */

export { scaffolderModuleReliability as default } from './module';
export {
  createDeployGateCheckAction,
  DEPLOY_GATE_CHECK_ACTION_ID,
} from './actions/deployGateCheck';
