import {
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Postmortem } from '@reliability-hub/plugin-reliability-common';
import { useMemo } from 'react';
import { reliabilityApiRef } from '../../api';
import { useReliabilityLinks } from '../../shared/links';
import { exactTime } from '../../shared/time';
import { usePagedList } from '../../shared/usePagedList';
import { PostmortemStatusChip } from '../PostmortemStatusChip';
import { LoadMoreButton } from '../../shared/LoadMoreButton';

/**
 * The postmortems of an entity, newest first, a page at a time.
 *
 * @internal
 */
export function PostmortemsTable(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(reliabilityApiRef);
  const links = useReliabilityLinks();
  const { rows, loading, error, hasMore, loadMore } = usePagedList(
    cursor => api.listPostmortems({ entityRef, limit: 20, cursor }),
    [api, entityRef],
  );

  const columns = useMemo<TableColumn<Postmortem>[]>(
    () => [
      {
        title: 'Postmortem',
        field: 'title',
        width: '40%',
        render: p => (
          <Link to={links.postmortem(p.entityRef, p.id)}>{p.title}</Link>
        ),
      },
      {
        title: 'Status',
        field: 'status',
        width: '15%',
        render: p => <PostmortemStatusChip status={p.status} />,
      },
      {
        title: 'Incidents',
        field: 'incidentIds',
        width: '10%',
        render: p => p.incidentIds.length,
      },
      {
        title: 'Author',
        field: 'author',
        width: '15%',
        render: p => <EntityRefLink entityRef={p.author} defaultKind="user" />,
      },
      {
        title: 'Updated',
        field: 'updatedAt',
        width: '20%',
        render: p => exactTime(p.updatedAt),
      },
    ],
    [links],
  );

  if (error && rows.length === 0) {
    return (
      <ResponseErrorPanel error={error} title="Could not load postmortems" />
    );
  }
  return (
    <>
      <Table<Postmortem>
        title="Postmortems"
        isLoading={loading && rows.length === 0}
        columns={columns}
        data={rows}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          sorting: false,
        }}
        emptyContent={
          <Box p={3}>
            <Typography color="textSecondary" align="center">
              No postmortems yet. Open a resolved incident and choose "Write
              postmortem".
            </Typography>
          </Box>
        }
      />
      {hasMore && <LoadMoreButton loading={loading} onClick={loadMore} />}
    </>
  );
}
