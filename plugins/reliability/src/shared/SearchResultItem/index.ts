export {
  EntityFactChip,
  FactChip,
  listField,
  plainSnippet,
  SearchResultItem,
} from './SearchResultItem';
export type {
  ReliabilitySearchDocument,
  ReliabilitySearchResultListItemProps,
} from './SearchResultItem';
