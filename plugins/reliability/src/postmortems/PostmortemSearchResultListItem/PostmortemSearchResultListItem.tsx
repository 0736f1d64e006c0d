import {
  EntityFactChip,
  FactChip,
  listField,
  ReliabilitySearchDocument,
  SearchResultItem,
  ReliabilitySearchResultListItemProps,
} from '../../shared/SearchResultItem';
import { POSTMORTEM_STATUS_LABELS } from '../labels';
import { IncidentDrillKind } from '@reliability-hub/plugin-reliability-common';
import { DrillChip, SeverityChip } from '../../incidents/SeverityChip';

/** The search document type of postmortems. */
export const POSTMORTEM_SEARCH_TYPE = 'reliability-postmortem';

/**
 * One postmortem in the portal's search results: its title (to the
 * postmortem page), the matching text, its status and entity.
 *
 * @public
 */
export function PostmortemSearchResultListItem(
  props: ReliabilitySearchResultListItemProps,
) {
  const result = props.result as ReliabilitySearchDocument | undefined;
  if (!result) {
    return null;
  }
  const status =
    result.status &&
    (POSTMORTEM_STATUS_LABELS[
      result.status as keyof typeof POSTMORTEM_STATUS_LABELS
    ] ??
      result.status);
  return (
    <SearchResultItem {...props} result={result}>
      <FactChip label="Postmortem" />
      {listField(result.severities).map(severity => (
        <SeverityChip key={severity} severity={severity} />
      ))}
      <DrillChip drill={result.drill as IncidentDrillKind | undefined} />
      {status && <FactChip outlined label={`status: ${status}`} />}
      {result.entityRef && <EntityFactChip entityRef={result.entityRef} />}
    </SearchResultItem>
  );
}
