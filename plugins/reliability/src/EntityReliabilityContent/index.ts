export { EntityReliabilityContent } from './EntityReliabilityContent';
export { entityReliabilityTabs } from './entityReliabilityTabs';
