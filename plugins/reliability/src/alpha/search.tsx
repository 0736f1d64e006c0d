import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
  SearchResultListItemBlueprintParams,
} from '@backstage/plugin-search-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import MenuBookIcon from '@material-ui/icons/MenuBook';

/** How the search page shows one type of our documents in its results. */
function resultItem<TName extends string>(
  name: TName,
  type: string,
  icon: JSX.Element,
  component: SearchResultListItemBlueprintParams['component'],
) {
  return SearchResultListItemBlueprint.make({
    name,
    params: { predicate: result => result.type === type, icon, component },
  });
}

/** One type of our documents among the search page's result types. */
function resultType<TName extends string>(
  name: TName,
  type: string,
  title: string,
  icon: JSX.Element,
) {
  return SearchFilterResultTypeBlueprint.make({
    name,
    params: { value: type, name: title, icon },
  });
}

/** Runbooks in the search results: `search-result-list-item:reliability/runbook`. */
export const runbookSearchResultItem = resultItem(
  'runbook',
  'reliability-runbook',
  <MenuBookIcon />,
  () =>
    import('../runbooks/RunbookSearchResultListItem').then(
      m => m.RunbookSearchResultListItem,
    ),
);

/** Postmortems in the search results: `search-result-list-item:reliability/postmortem`. */
export const postmortemSearchResultItem = resultItem(
  'postmortem',
  'reliability-postmortem',
  <AssignmentIcon />,
  () =>
    import('../postmortems/PostmortemSearchResultListItem').then(
      m => m.PostmortemSearchResultListItem,
    ),
);

/** "Runbooks" among the search page's result types. */
export const runbookSearchResultType = resultType(
  'runbooks',
  'reliability-runbook',
  'Runbooks',
  <MenuBookIcon />,
);

/** "Postmortems" among the search page's result types. */
export const postmortemSearchResultType = resultType(
  'postmortems',
  'reliability-postmortem',
  'Postmortems',
  <AssignmentIcon />,
);
