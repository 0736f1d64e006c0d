import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { RunbookRecord } from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { SeverityChip } from '../../incidents/SeverityChip';
import { AlertList } from '../AlertList';
import { drillValidationText, formatDay, plainSummary } from '../format';
import { RunbookLibraryFilters } from '../RunbookLibraryFilters';
import { RunbookTitleLink } from '../RunbookTitleLink';
import { StaleBadge } from '../StaleBadge';
import { useLibraryQuery } from './useLibraryQuery';
import { PagedTable } from '../../shared/PagedTable';
import { usePagedList } from '../../shared/usePagedList';

const PAGE_SIZE = 25;

const CLAMP_TWO_LINES = {
  display: '-webkit-box',
  WebkitBoxOrient: 'vertical' as const,
  WebkitLineClamp: 2,
  overflow: 'hidden',
};

const columns: TableColumn<RunbookRecord>[] = [
  {
    title: 'Runbook',
    field: 'title',
    width: '46%',
    render: runbook => (
      <Box display="flex" flexDirection="column" gridGap={4}>
        <Typography variant="body1" component="span">
          <RunbookTitleLink runbook={runbook} />
        </Typography>
        {runbook.description && (
          <Typography
            variant="body2"
            color="textSecondary"
            component="span"
            style={CLAMP_TWO_LINES}
          >
            {plainSummary(runbook.description, runbook.title)}
          </Typography>
        )}
        <AlertList alerts={runbook.alerts} />
      </Box>
    ),
  },
  {
    title: 'Entity',
    field: 'entityRef',
    width: '14%',
    render: runbook => <EntityRefLink entityRef={runbook.entityRef} />,
  },
  {
    title: 'Owner',
    field: 'owner',
    width: '14%',
    render: runbook =>
      runbook.owner ? <EntityRefLink entityRef={runbook.owner} /> : '–',
  },
  {
    title: 'Severity',
    field: 'severity',
    width: '8%',
    render: runbook =>
      runbook.severity ? <SeverityChip severity={runbook.severity} /> : '–',
  },
  {
    title: 'Last reviewed',
    field: 'lastReviewed',
    width: '18%',
    render: runbook => (
      <Box
        display="flex"
        flexDirection="column"
        alignItems="flex-start"
        gridGap={4}
      >
        <Typography variant="body2" component="span">
          {runbook.lastReviewed ? formatDay(runbook.lastReviewed) : '–'}
        </Typography>
        <StaleBadge runbook={runbook} />
        <Typography variant="caption" color="textSecondary" component="span">
          {drillValidationText(runbook)}
        </Typography>
      </Box>
    ),
  },
];

/**
 * The runbook library: every runbook of every entity, searched and filtered
 * by the backend, a page at a time ("Load more"). The search and filters live
 * in the URL's query, so a filtered library can be shared.
 *
 * @internal
 */
export function RunbookLibrary() {
  const api = useApi(reliabilityApiRef);
  const [query, update] = useLibraryQuery();
  const list = usePagedList(
    cursor => api.searchRunbooks({ ...query, limit: PAGE_SIZE, cursor }),
    [api, query],
  );
  const total = list.lastPage?.total;

  const filtered = Object.entries(query).some(
    ([key, v]) => key !== 'sort' && v !== undefined,
  );
  let title = 'Runbooks';
  if (total !== undefined) {
    title = `${total} runbook${total === 1 ? '' : 's'}`;
  }

  return (
    <PagedTable<RunbookRecord>
      title={title}
      columns={columns}
      list={list}
      noun="runbooks"
      failedTitle="Could not load runbooks"
      emptyMessage={
        filtered
          ? 'No runbook matches the search and filters.'
          : `No runbooks yet. Point an entity's reliability-hub.io/runbooks annotation at its runbook files, or add a metadata link with type: runbook.`
      }
      filters={<RunbookLibraryFilters value={query} onChange={update} />}
    />
  );
}
