export { isReliabilityPersonAvailable } from './personalConditions';
export { EntityMyReliabilityContent } from './extensions';
