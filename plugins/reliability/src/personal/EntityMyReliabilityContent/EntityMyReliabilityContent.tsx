import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Postmortem,
  SloStatus,
  sortSlosWorstFirst,
  TimeRange,
} from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { ActionItemsTable } from '../../actionItems/ActionItemsTable';
import { RecentIncidents } from '../../incidents/RecentIncidents';
import { useReliabilityLinks } from '../../shared/links';
import { relativeTime } from '../../shared/time';
import { MyFeedButton, MyShifts } from '../../oncall/MyShifts';
import { useSignedInUser } from '../../shared/people';
import { ListTable } from '../../shared/ListTable';
import { BudgetBar } from '../../slo/BudgetBar';
import { useSloLink } from '../../slo/links';

/** How far ahead the shifts look. */
const DAYS_AHEAD = 14;
/** Action items shown; the organisation's page lists them all. */
const ITEM_LIMIT = 50;
/** Incidents, postmortems and SLOs of each list shown. */
const RECORD_LIMIT = 20;

/** A postmortem the user owes: one to write (a draft of theirs) or to review. */
interface OwedPostmortem {
  postmortem: Postmortem;
  task: 'Write' | 'Review';
}

/**
 * The "My reliability" tab of a user's page: the user's shifts in the next
 * two weeks, the open incidents they command, the postmortems they must
 * write (their drafts) or review, the open action items they or their
 * groups own (overdue first), and the SLOs of the components their groups
 * own, least budget left first.
 *
 * @internal
 */
export function EntityMyReliabilityContent() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const sloLink = useSloLink();
  const links = useReliabilityLinks();
  const userRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const me = useSignedInUser();
  // Only on your own page: the feed is the signed-in user's, whoever's page.
  const isMe = me.userRef?.toLocaleLowerCase('en-US') === userRef;
  const groups = useMemo(
    () =>
      (entity.relations ?? [])
        .filter(relation => relation.type === RELATION_MEMBER_OF)
        .map(relation => relation.targetRef),
    [entity],
  );
  const range: TimeRange = useMemo(() => {
    const start = DateTime.now().startOf('day');
    return {
      start: start.toUTC().toISO()!,
      end: start.plus({ days: DAYS_AHEAD }).toUTC().toISO()!,
    };
  }, []);
  const state = useAsync(async () => {
    const [schedules, items, commanded, drafts, reviews, ...overviews] =
      await Promise.all([
        api.listSchedules(),
        api.listActionItems({
          owner: [userRef, ...groups],
          status: 'open',
          limit: ITEM_LIMIT,
        }),
        api.listIncidents({
          commander: userRef,
          status: 'open',
          limit: RECORD_LIMIT,
        }),
        api.listPostmortems({
          author: userRef,
          status: 'draft',
          limit: RECORD_LIMIT,
        }),
        api.listPostmortems({
          reviewer: [userRef, ...groups],
          status: 'in_review',
          limit: RECORD_LIMIT,
        }),
        ...groups.map(owner =>
          api.getSloOverview({ owner, limit: RECORD_LIMIT }),
        ),
      ]);
    const owed: OwedPostmortem[] = [
      ...drafts.items.map(postmortem => ({
        postmortem,
        task: 'Write' as const,
      })),
      ...reviews.items.map(postmortem => ({
        postmortem,
        task: 'Review' as const,
      })),
    ];
    // Each team's worst first page, the worst of them all first.
    const slos = sortSlosWorstFirst(
      overviews.flatMap(overview => overview.items),
    ).slice(0, RECORD_LIMIT);
    const sloCount = overviews.reduce(
      (sum, overview) => sum + overview.totalItems,
      0,
    );
    // Overdue first, then by due date, as the cards list them.
    const open = [...items.items].sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
    );
    return {
      schedules,
      open,
      slos,
      sloCount,
      commanded: commanded.items,
      owed,
    };
  }, [api, userRef, groups]);

  if (state.loading) {
    return <Progress />;
  }
  if (state.error || !state.value) {
    return (
      <ResponseErrorPanel
        error={state.error ?? new Error('Nothing loaded')}
        title="Could not load your reliability"
      />
    );
  }
  const { schedules, open, slos, sloCount, commanded, owed } = state.value;
  const owedColumns: TableColumn<OwedPostmortem>[] = [
    { title: 'Task', field: 'task', width: '90px' },
    {
      title: 'Postmortem',
      render: ({ postmortem }) => (
        <Link to={links.postmortem(postmortem.entityRef, postmortem.id)}>
          {postmortem.title}
        </Link>
      ),
    },
    {
      title: 'Component',
      render: ({ postmortem }) => (
        <EntityRefLink entityRef={postmortem.entityRef} hideIcon />
      ),
    },
    {
      title: 'Last change',
      render: ({ postmortem }) => relativeTime(postmortem.updatedAt),
    },
  ];
  const overdue = open.filter(item => item.overdue).length;
  const sloColumns: TableColumn<SloStatus>[] = [
    {
      title: 'SLO',
      render: slo => (
        <Link to={sloLink(slo.entityRef, slo.id)}>{slo.displayName}</Link>
      ),
    },
    {
      title: 'Component',
      render: slo => <EntityRefLink entityRef={slo.entityRef} hideIcon />,
    },
    {
      title: 'Error budget left',
      render: slo => (
        <Box minWidth={200}>
          <BudgetBar slo={slo} label="percent" />
        </Box>
      ),
    },
  ];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard
          title="Shifts"
          subheader={`in the next ${DAYS_AHEAD} days`}
          action={isMe ? <MyFeedButton /> : undefined}
        >
          <MyShifts
            userRef={userRef}
            schedules={schedules}
            range={range}
            rangeText={`in the next ${DAYS_AHEAD} days`}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ListTable<SloStatus>
          title={
            sloCount > slos.length
              ? `SLOs of my teams' components (the ${slos.length} worst of ${sloCount})`
              : "SLOs of my teams' components"
          }
          columns={sloColumns}
          data={slos}
          emptyMessage={
            groups.length
              ? "None of your teams' components defines SLOs yet."
              : 'You are in no team: SLOs are shown for the components your teams own.'
          }
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Incidents I command" subheader="open now">
          {commanded.length ? (
            <RecentIncidents incidents={commanded} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              You command no open incident.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ListTable<OwedPostmortem>
          title="Postmortems I must write or review"
          columns={owedColumns}
          data={owed}
          emptyMessage="No draft of yours and no postmortem waiting for your review."
        />
      </Grid>
      <Grid item xs={12}>
        <ActionItemsTable
          title={`Open action items of mine and my teams${
            overdue ? ` (${overdue} overdue)` : ''
          }`}
          items={open}
          showContext
          emptyMessage="No open action items. Nothing owed."
        />
      </Grid>
    </Grid>
  );
}
