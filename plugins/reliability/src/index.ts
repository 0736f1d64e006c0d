/**
 * Reliability Hub for Backstage: incidents, postmortems, SLOs, on-call and
 * runbooks on the entity page, and the organisation's reliability pages.
 *
 * @packageDocumentation
 */

export {
  reliabilityPlugin,
  ReliabilityPage,
  EntityIncidentsCard,
  EntityActionItemsCard,
  EntityIncidentsContent,
  EntityOnCallCard,
  EntitySloCard,
  EntitySloContent,
  EntityRunbooksCard,
  RunbookSearchResultListItem,
  PostmortemSearchResultListItem,
} from './plugin';
export {
  EntityReliabilityContent,
  entityReliabilityTabs,
  entitySloAndIncidentTabs,
} from './EntityReliabilityContent';
export { reliabilitySearchResultItems, reliabilitySearchTypes } from './search';
export * from './api';
export { isReliabilityAvailable } from './conditions';
export {
  isReliabilityRollupAvailable,
  EntityReliabilityRollupCard,
  EntityReliabilityRollupContent,
} from './rollup';
export {
  isReliabilityPersonAvailable,
  EntityMyReliabilityContent,
  HomePageMyShiftsCard,
  HomePageMyActionItemsCard,
} from './personal';
export type {
  ReliabilitySearchDocument,
  ReliabilitySearchResultListItemProps,
} from './shared/SearchResultItem';
