export { FactChip, SearchResultItem } from './SearchResultItem';
export type {
  ReliabilitySearchDocument,
  SearchResultItemProps,
} from './SearchResultItem';
