import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Incident } from '@reliability-hub/plugin-reliability-common';
import { useCallback, useEffect, useState } from 'react';
import { IncidentListRequest, reliabilityApiRef } from '../../api';
import { durationText, startedText } from '../incidentTimes';
import { IncidentStatusChip } from '../IncidentStatusChip';
import { SeverityChip } from '../SeverityChip';

const PAGE_SIZE = 20;

function columns(showEntity: boolean): TableColumn<Incident>[] {
  const result: TableColumn<Incident>[] = [
    {
      title: 'Severity',
      field: 'severity',
      width: '7%',
      render: incident => <SeverityChip severity={incident.severity} />,
    },
    {
      title: 'Incident',
      field: 'title',
      render: incident => (
        <>
          <Typography variant="body2" style={{ fontWeight: 500 }}>
            {incident.title}
          </Typography>
          {incident.summary && (
            <Typography variant="caption" color="textSecondary">
              {incident.summary}
            </Typography>
          )}
        </>
      ),
    },
  ];
  if (showEntity) {
    result.push({
      title: 'Component',
      field: 'entityRef',
      render: incident => (
        <EntityRefLink entityRef={incident.entityRef} defaultKind="component" />
      ),
    });
  }
  result.push(
    {
      title: 'Status',
      field: 'status',
      render: incident => <IncidentStatusChip status={incident.status} />,
    },
    {
      title: 'Started',
      field: 'startedAt',
      render: incident => {
        const started = startedText(incident);
        return (
          <Tooltip title={started.exact}>
            <span>{started.relative}</span>
          </Tooltip>
        );
      },
    },
    {
      title: 'Duration',
      render: incident => durationText(incident),
    },
    {
      title: 'Commander',
      field: 'commander',
      render: incident =>
        incident.commander ? (
          <EntityRefLink entityRef={incident.commander} defaultKind="user" />
        ) : (
          '–'
        ),
    },
  );
  return result;
}

/**
 * Incidents, newest first, a page at a time ("Load more" fetches the next).
 *
 * @public
 */
export function IncidentsTable(props: {
  title: string;
  filter: Omit<IncidentListRequest, 'cursor' | 'limit'>;
  /** Show the component column (for lists across components). */
  showEntity?: boolean;
  emptyMessage: string;
}) {
  const { title, showEntity = false, emptyMessage } = props;
  const { entityRef, status, severity } = props.filter;
  const api = useApi(reliabilityApiRef);
  const [rows, setRows] = useState<Incident[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.listIncidents({
          entityRef,
          status,
          severity,
          limit: PAGE_SIZE,
          cursor: after,
        });
        setRows(previous => (after ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    // severity is compared by content so a new array literal does not refetch
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entityRef, status, severity?.join(',')],
  );

  useEffect(() => {
    load();
  }, [load]);

  if (error && rows.length === 0) {
    return <ResponseErrorPanel error={error} title={`Could not load ${title.toLocaleLowerCase('en-US')}`} />;
  }

  return (
    <>
      <Table<Incident>
        title={title}
        isLoading={loading && rows.length === 0}
        columns={columns(showEntity)}
        data={rows}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={
          <Box p={3}>
            <Typography color="textSecondary" align="center">
              {emptyMessage}
            </Typography>
          </Box>
        }
      />
      {error && rows.length > 0 && (
        <ResponseErrorPanel error={error} title="Could not load more incidents" />
      )}
      {cursor && (
        <Box display="flex" justifyContent="center" mt={1}>
          <Button
            variant="outlined"
            disabled={loading}
            onClick={() => load(cursor)}
          >
            {loading ? 'Loading…' : 'Load more'}
          </Button>
        </Box>
      )}
    </>
  );
}
