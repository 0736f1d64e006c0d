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
