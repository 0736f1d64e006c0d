export { EntityReliabilityRollupCard } from './EntityReliabilityRollupCard';
