export { FactChip, SearchResultItem } from './SearchResultItem';
export type {
  ReliabilitySearchDocument,
  ReliabilitySearchResultListItemProps,
} from './SearchResultItem';
