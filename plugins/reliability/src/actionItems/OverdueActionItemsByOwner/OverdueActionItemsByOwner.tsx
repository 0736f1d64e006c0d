import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ActionItem } from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { reliabilityApiRef } from '../../api';
import { useReliabilityLinks } from '../../shared/links';
import { todayUtc } from '../../shared/time';
import { usePagedList } from '../../shared/usePagedList';
import { LoadMoreButton } from '../../shared/LoadMoreButton';

/** Owners with their overdue items, most overdue items first. */
function groupByOwner(items: ActionItem[]) {
  const groups = new Map<string, ActionItem[]>();
  for (const item of items) {
    groups.set(item.owner, [...(groups.get(item.owner) ?? []), item]);
  }
  return [...groups.entries()]
    .map(([owner, ownerItems]) => ({ owner, items: ownerItems }))
    .sort(
      (a, b) =>
        b.items.length - a.items.length || a.owner.localeCompare(b.owner),
    );
}

function daysLate(dueDate: string | null): string {
  if (!dueDate) {
    return '';
  }
  const days = Math.round(
    DateTime.fromISO(todayUtc()).diff(DateTime.fromISO(dueDate), 'days').days,
  );
  return days === 1 ? '1 day late' : `${days} days late`;
}

function OwnerGroup(props: { owner: string; items: ActionItem[] }) {
  const links = useReliabilityLinks();
  return (
    <InfoCard
      title={<EntityRefLink entityRef={props.owner} />}
      subheader={`${props.items.length} overdue`}
      titleTypographyProps={{ variant: 'h6' }}
    >
      {props.items.map(item => (
        <Box
          key={item.id}
          display="flex"
          alignItems="baseline"
          gridGap={12}
          py={0.75}
          borderTop={1}
          borderColor="divider"
        >
          <Typography variant="body2">{item.priority}</Typography>
          <Box flex={1} minWidth={0}>
            <Typography variant="body2" style={{ fontWeight: 500 }}>
              {item.title}
            </Typography>
            <Typography variant="caption" color="textSecondary" component="div">
              <EntityRefLink
                entityRef={item.entityRef}
                defaultKind="component"
              />{' '}
              ·{' '}
              <Link to={links.postmortem(item.entityRef, item.postmortemId)}>
                postmortem
              </Link>
            </Typography>
          </Box>
          <Typography
            variant="body2"
            color="error"
            style={{ whiteSpace: 'nowrap' }}
          >
            due {item.dueDate} · {daysLate(item.dueDate)}
          </Typography>
        </Box>
      ))}
    </InfoCard>
  );
}

/**
 * Every overdue action item of the organisation, grouped by owner (user or
 * group), owners with the most first.
 *
 * @internal
 */
export function OverdueActionItemsByOwner() {
  const api = useApi(reliabilityApiRef);
  const { rows, loading, error, hasMore, loadMore } = usePagedList(
    cursor => api.listActionItems({ overdue: true, limit: 100, cursor }),
    [api],
  );

  if (error && rows.length === 0) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load overdue action items"
      />
    );
  }
  if (loading && rows.length === 0) {
    return <Progress />;
  }
  const groups = groupByOwner(rows);
  return (
    <>
      <Typography variant="body1" gutterBottom>
        {rows.length === 0
          ? 'No overdue action items. Every follow-up from a postmortem is on time.'
          : `${rows.length}${hasMore ? '+' : ''} overdue action item${
              rows.length === 1 ? '' : 's'
            } across ${groups.length} owner${groups.length === 1 ? '' : 's'}`}
      </Typography>
      <Grid container spacing={3}>
        {groups.map(group => (
          <Grid item xs={12} md={6} key={group.owner}>
            <OwnerGroup owner={group.owner} items={group.items} />
          </Grid>
        ))}
      </Grid>
      {hasMore && <LoadMoreButton loading={loading} onClick={loadMore} />}
    </>
  );
}
