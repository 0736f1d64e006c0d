import AssignmentIcon from '@material-ui/icons/Assignment';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import {
  PostmortemSearchResultListItem,
  RunbookSearchResultListItem,
} from '../plugin';
import { POSTMORTEM_SEARCH_TYPE } from '../postmortems/PostmortemSearchResultListItem';
import { RUNBOOK_SEARCH_TYPE } from '../runbooks/RunbookSearchResultListItem';

const runbookIcon = <MenuBookIcon />;
const postmortemIcon = <AssignmentIcon />;

/**
 * The search document types of Reliability Hub, runbooks and postmortems, for
 * the result type filter of a search page: spread them into the `types` of
 * `SearchType.Accordion`.
 *
 * @public
 */
export const reliabilitySearchTypes: Array<{
  value: string;
  name: string;
  icon: JSX.Element;
}> = [
  { value: RUNBOOK_SEARCH_TYPE, name: 'Runbooks', icon: runbookIcon },
  { value: POSTMORTEM_SEARCH_TYPE, name: 'Postmortems', icon: postmortemIcon },
];

/**
 * The result list items of runbooks and postmortems, to put among the
 * children of a search page's `SearchResult` in one line:
 * `{reliabilitySearchResultItems}`.
 *
 * @public
 */
export const reliabilitySearchResultItems: JSX.Element = (
  <>
    <RunbookSearchResultListItem icon={runbookIcon} />
    <PostmortemSearchResultListItem icon={postmortemIcon} />
  </>
);
