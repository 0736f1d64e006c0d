export { EntityReliabilityContent } from './EntityReliabilityContent';
export {
  entityReliabilityTabs,
  entitySloAndIncidentTabs,
} from './entityReliabilityTabs';
