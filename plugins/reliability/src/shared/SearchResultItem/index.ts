export {
  EntityFactChip,
  FactChip,
  plainSnippet,
  SearchResultItem,
} from './SearchResultItem';
export type {
  ReliabilitySearchDocument,
  ReliabilitySearchResultListItemProps,
} from './SearchResultItem';
