export {
  reliabilitySearchResultItems,
  reliabilitySearchTypes,
} from './reliabilitySearch';
