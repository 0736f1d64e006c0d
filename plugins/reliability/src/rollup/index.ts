export { isReliabilityRollupAvailable } from './rollupConditions';
export {
  EntityReliabilityRollupCard,
  EntityReliabilityRollupContent,
} from './extensions';
