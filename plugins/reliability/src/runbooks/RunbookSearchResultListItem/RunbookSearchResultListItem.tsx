import {
  EntityFactChip,
  FactChip,
  listField,
  ReliabilitySearchDocument,
  SearchResultItem,
  ReliabilitySearchResultListItemProps,
} from '../../shared/SearchResultItem';
import { SeverityChip } from '../../incidents/SeverityChip';

/** The search document type of runbooks. */
export const RUNBOOK_SEARCH_TYPE = 'reliability-runbook';

/**
 * One runbook in the portal's search results: its title (to the runbook
 * page), the matching text, severity, whether its review is overdue, the
 * alerts it answers, entity and owner.
 *
 * @public
 */
export function RunbookSearchResultListItem(
  props: ReliabilitySearchResultListItemProps,
) {
  const result = props.result as ReliabilitySearchDocument | undefined;
  if (!result) {
    return null;
  }
  const stale = result.stale === true || result.stale === 'true';
  return (
    <SearchResultItem {...props} result={result}>
      <FactChip label="Runbook" />
      {result.severity && <SeverityChip severity={result.severity} />}
      {stale && <FactChip color="secondary" label="Review overdue" />}
      {listField(result.alerts).map(alert => (
        <FactChip key={alert} outlined label={`alert: ${alert}`} />
      ))}
      {result.entityRef && <EntityFactChip entityRef={result.entityRef} />}
      {result.owner && <FactChip outlined label={`owner: ${result.owner}`} />}
    </SearchResultItem>
  );
}
