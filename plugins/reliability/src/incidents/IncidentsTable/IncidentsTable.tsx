import { useApi } from '@backstage/core-plugin-api';
import { incidentLabel } from '@reliability-hub/plugin-reliability-common';
import type {
  Incident,
  IncidentListRequest,
} from '@reliability-hub/plugin-reliability-common';
import { useMemo, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { useReliabilityLinks } from '../../shared/links';
import { IncidentFilters, IncidentFilterValue } from '../IncidentFilters';
import { incidentColumns } from './columns';
import { PagedTable } from '../../shared/PagedTable';
import { usePagedList } from '../../shared/usePagedList';

const PAGE_SIZE = 20;

/**
 * Incidents, newest first (the backend's order), a page at a time ("Load
 * more" fetches the next). Titles lead to the incident pages.
 *
 * @public
 */
export function IncidentsTable(props: {
  title: string;
  filter: Omit<IncidentListRequest, 'cursor' | 'limit'>;
  /** Show the component column (for lists across components). */
  showEntity?: boolean;
  /** Offer status and severity selects, applied by the backend. */
  showFilters?: boolean;
  emptyMessage: string;
}) {
  const {
    title,
    showEntity = false,
    showFilters = false,
    emptyMessage,
  } = props;
  const { entityRef } = props.filter;
  const [chosen, setChosen] = useState<IncidentFilterValue>({
    status: props.filter.status ?? '',
    severity: props.filter.severity ?? [],
    needsAttention: props.filter.needsAttention === true,
    drill: '',
  });
  const status = showFilters ? chosen.status || undefined : props.filter.status;
  const chosenSeverity = chosen.severity.length ? chosen.severity : undefined;
  const severity = showFilters ? chosenSeverity : props.filter.severity;
  const needsAttention = showFilters
    ? chosen.needsAttention || undefined
    : props.filter.needsAttention;
  const chosenDrill = { '': undefined, real: false, drills: true }[
    chosen.drill
  ];
  const drill = showFilters ? chosenDrill : props.filter.drill;
  const api = useApi(reliabilityApiRef);
  const links = useReliabilityLinks();
  const idPrefix = `incident-filter-${title
    .toLocaleLowerCase('en-US')
    .replace(/\W+/g, '-')}`;
  const list = usePagedList(
    cursor =>
      api.listIncidents({
        entityRef,
        status,
        severity,
        needsAttention,
        drill,
        limit: PAGE_SIZE,
        cursor,
      }),
    // severity is compared by content so a new array literal does not refetch
    [api, entityRef, status, severity?.join(','), needsAttention, drill],
  );

  const columns = useMemo(
    () =>
      incidentColumns(showEntity, i =>
        links.incident(i.entityRef, incidentLabel(i)),
      ),
    [showEntity, links],
  );

  const filters = showFilters && (
    <IncidentFilters idPrefix={idPrefix} value={chosen} onChange={setChosen} />
  );

  return (
    <PagedTable<Incident>
      title={title}
      columns={columns}
      list={list}
      noun="incidents"
      failedTitle={`Could not load ${title.toLocaleLowerCase('en-US')}`}
      emptyMessage={emptyMessage}
      filters={filters}
    />
  );
}
