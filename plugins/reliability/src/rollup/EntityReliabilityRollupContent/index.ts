export { EntityReliabilityRollupContent } from './EntityReliabilityRollupContent';
