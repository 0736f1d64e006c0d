import { Link, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { alpha, useTheme } from '@material-ui/core/styles';
import {
  ActionItem,
  reliabilityActionItemUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { useMemo } from 'react';
import { reliabilityApiRef } from '../../api';
import { ACTION_ITEM_TYPE_LABELS } from '../../postmortems/labels';
import { ListTable } from '../../shared/ListTable';
import { useReliabilityLinks } from '../../shared/links';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';
import {
  DueDateCell,
  OwnerCell,
  PriorityCell,
  StatusCell,
  Update,
} from './cells';

/**
 * Action items in a table, overdue ones highlighted. With `editable`, those
 * allowed to change the entity's action items edit status, owner, due date
 * and priority in place; each change carries the item's version.
 *
 * @internal
 */
export function ActionItemsTable(props: {
  title: string;
  items: ActionItem[];
  emptyMessage: string;
  isLoading?: boolean;
  editable?: { entityRef: string; onChanged: () => void };
  /** Show the component and postmortem columns (for lists across postmortems). */
  showContext?: boolean;
}) {
  const { title, items, emptyMessage, editable, showContext = false } = props;
  const api = useApi(reliabilityApiRef);
  const theme = useTheme();
  const links = useReliabilityLinks();
  const { allowed } = usePermission({
    permission: reliabilityActionItemUpdatePermission,
    resourceRef: editable?.entityRef,
  });
  const onChanged = editable?.onChanged;
  const { error, run } = useWrite(
    (item: ActionItem, change: Parameters<Update>[1]) =>
      api.updateActionItem(item.id, { version: item.version, ...change }),
    { onSuccess: onChanged, onConflict: onChanged },
  );
  const update: Update | undefined = allowed && onChanged ? run : undefined;

  const columns = useMemo(() => {
    const result: TableColumn<ActionItem>[] = [
      {
        title: 'Action item',
        field: 'title',
        render: item => (
          <div style={{ minWidth: 200 }}>
            <Typography variant="body2" style={{ fontWeight: 500 }}>
              {item.title}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {ACTION_ITEM_TYPE_LABELS[item.type] ?? item.type}
              {item.ticketUrl && (
                <>
                  {' · '}
                  <Link to={item.ticketUrl}>ticket</Link>
                </>
              )}
            </Typography>
          </div>
        ),
      },
    ];
    if (showContext) {
      result.push({
        title: 'Component',
        field: 'entityRef',
        render: item => (
          <EntityRefLink entityRef={item.entityRef} defaultKind="component" />
        ),
      });
    }
    result.push(
      {
        title: 'Priority',
        field: 'priority',
        render: item => <PriorityCell item={item} update={update} />,
      },
      {
        title: 'Owner',
        field: 'owner',
        cellStyle: { minWidth: 140 },
        render: item => <OwnerCell item={item} update={update} />,
      },
      {
        title: 'Due',
        field: 'dueDate',
        cellStyle: { whiteSpace: 'nowrap' },
        render: item => <DueDateCell item={item} update={update} />,
      },
      {
        title: 'Status',
        field: 'status',
        render: item => <StatusCell item={item} update={update} />,
      },
    );
    if (showContext) {
      result.push({
        title: 'Postmortem',
        field: 'postmortemId',
        render: item => (
          <Link to={links.postmortem(item.entityRef, item.postmortemId)}>
            Postmortem
          </Link>
        ),
      });
    }
    return result;
  }, [showContext, update, links]);

  return (
    <>
      <Box mb={error ? 1 : 0}>
        <WriteError error={error} />
      </Box>
      <ListTable<ActionItem>
        title={title}
        isLoading={props.isLoading}
        columns={columns}
        data={items}
        emptyMessage={emptyMessage}
        options={{
          rowStyle: (item: ActionItem) =>
            item.overdue
              ? { backgroundColor: alpha(theme.palette.error.main, 0.08) }
              : {},
        }}
      />
    </>
  );
}
