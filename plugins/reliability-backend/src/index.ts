/**
 * Backend plugin of Reliability Hub.
 *
 * @packageDocumentation
 */

export { reliabilityPlugin as default } from './plugin';
export {
  reliabilityEntityResourceRef,
  reliabilityEntityRules,
  reliabilityEntityConditions,
  createReliabilityEntityConditionalDecision,
  isEntityOwner,
} from './permissions/resource';
export type {
  ReliabilityEntityResource,
  ReliabilityEntityQuery,
} from './permissions/resource';
export {
  searchModuleReliabilityCollator,
  POSTMORTEM_DOCUMENT_TYPE,
  RUNBOOK_DOCUMENT_TYPE,
} from './search';
export type { PostmortemSearchDocument, RunbookSearchDocument } from './search';
