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
const NO_WRAP = { whiteSpace: 'nowrap' } as const;
const SUMMARY_CLAMP = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
} as const;

function columns(showEntity: boolean): TableColumn<Incident>[] {
  const result: TableColumn<Incident>[] = [
    {
      title: 'Severity',
      field: 'severity',
      width: '8%',
      render: incident => <SeverityChip severity={incident.severity} />,
    },
    {
      title: 'Incident',
      field: 'title',
      width: showEntity ? '34%' : '44%',
      render: incident => (
        // A floor for the width: the table lays out automatically and would
        // otherwise squeeze the text column to make room for the others.
        <div style={{ minWidth: 240 }}>
          <Typography variant="body2" style={{ fontWeight: 500 }}>
            {incident.title}
          </Typography>
          {incident.summary && (
            <Typography
              variant="caption"
              color="textSecondary"
              title={incident.summary}
              style={SUMMARY_CLAMP}
            >
              {incident.summary}
            </Typography>
          )}
        </div>
      ),
    },
  ];
  if (showEntity) {
    result.push({
      title: 'Component',
      field: 'entityRef',
      width: '12%',
      render: incident => (
        <EntityRefLink entityRef={incident.entityRef} defaultKind="component" />
      ),
    });
  }
  result.push(
    {
      title: 'Status',
      field: 'status',
      width: '11%',
      cellStyle: NO_WRAP,
      render: incident => <IncidentStatusChip status={incident.status} />,
    },
    {
      title: 'Started',
      field: 'startedAt',
      width: '14%',
      render: incident => {
        const started = startedText(incident);
        return (
          <>
            <Tooltip title={started.exact}>
              <Typography variant="body2">{started.relative}</Typography>
            </Tooltip>
            <Typography variant="caption" color="textSecondary">
              {incident.resolvedAt ? 'lasted' : 'ongoing,'}{' '}
              {durationText(incident)}
            </Typography>
          </>
        );
      },
    },
    {
      title: 'Commander',
      field: 'commander',
      width: '13%',
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
        setRows(previous =>
          after ? [...previous, ...page.items] : page.items,
        );
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
    return (
      <ResponseErrorPanel
        error={error}
        title={`Could not load ${title.toLocaleLowerCase('en-US')}`}
      />
    );
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
        <ResponseErrorPanel
          error={error}
          title="Could not load more incidents"
        />
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
