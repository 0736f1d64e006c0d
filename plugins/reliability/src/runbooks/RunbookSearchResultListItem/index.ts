export {
  RunbookSearchResultListItem,
  RUNBOOK_SEARCH_TYPE,
  Highlighted,
} from './RunbookSearchResultListItem';
export type { ReliabilitySearchDocument } from './RunbookSearchResultListItem';
