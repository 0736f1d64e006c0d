export { isReliabilityPersonAvailable } from './personalConditions';
export { EntityMyReliabilityContent } from './extensions';
export {
  HomePageMyShiftsCard,
  HomePageMyActionItemsCard,
} from './homePageCards';
