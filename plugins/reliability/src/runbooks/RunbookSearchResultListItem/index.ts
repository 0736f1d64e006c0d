export {
  RunbookSearchResultListItem,
  RUNBOOK_SEARCH_TYPE,
} from './RunbookSearchResultListItem';
