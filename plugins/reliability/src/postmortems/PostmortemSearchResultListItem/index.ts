export {
  PostmortemSearchResultListItem,
  POSTMORTEM_SEARCH_TYPE,
} from './PostmortemSearchResultListItem';
