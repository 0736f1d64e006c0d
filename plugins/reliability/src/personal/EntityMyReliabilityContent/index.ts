export { EntityMyReliabilityContent } from './EntityMyReliabilityContent';
