import { Link, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Postmortem } from '@reliability-hub/plugin-reliability-common';
import { useMemo } from 'react';
import { reliabilityApiRef } from '../../api';
import { useReliabilityLinks } from '../../shared/links';
import { exactTime } from '../../shared/time';
import { PagedTable } from '../../shared/PagedTable';
import { usePagedList } from '../../shared/usePagedList';
import { DrillChip } from '../../incidents/SeverityChip';
import { PostmortemStatusChip } from '../PostmortemStatusChip';

/**
 * The postmortems of an entity, newest first, a page at a time.
 *
 * @internal
 */
export function PostmortemsTable(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(reliabilityApiRef);
  const links = useReliabilityLinks();
  const list = usePagedList(
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
          <>
            <Link to={links.postmortem(p.entityRef, p.id)}>{p.title}</Link>{' '}
            <DrillChip drill={p.drill} />
          </>
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

  return (
    <PagedTable<Postmortem>
      title="Postmortems"
      columns={columns}
      list={list}
      noun="postmortems"
      failedTitle="Could not load postmortems"
      emptyMessage='No postmortems yet. Open a resolved incident and choose "Write postmortem".'
    />
  );
}
