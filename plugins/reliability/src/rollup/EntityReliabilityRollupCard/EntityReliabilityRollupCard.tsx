import { InfoCard, Link, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RecentIncidents } from '../../incidents/RecentIncidents';
import { OnCallPerson } from '../../oncall/OnCallPerson';
import { BudgetBar } from '../../slo/BudgetBar';
import { useSloLink } from '../../slo/links';
import { SummaryError } from '../../summary/SummaryError';
import { useEntityReliabilitySummary } from '../../summary/useEntityReliabilitySummary';
import { worstSlos } from '../worstSlos';

const useStyles = makeStyles(theme => ({
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(110px, 1fr))',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  stat: {
    padding: theme.spacing(0.75, 1),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
  },
  value: { fontSize: '1.3rem', fontWeight: 600 },
  alarm: { color: theme.palette.error.main },
  slo: { marginBottom: theme.spacing(1) },
  heading: { marginTop: theme.spacing(2), marginBottom: theme.spacing(0.5) },
}));

function Stat(props: {
  label: string;
  value: number;
  alarm?: boolean;
  /** A line under the value, e.g. how many of them are overdue. */
  detail?: string;
}) {
  const classes = useStyles();
  return (
    <div className={classes.stat}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography
        className={`${classes.value} ${
          props.alarm && props.value > 0 ? classes.alarm : ''
        }`}
      >
        {props.value}
      </Typography>
      {props.detail && (
        <Typography variant="caption" color="textSecondary">
          {props.detail}
        </Typography>
      )}
    </div>
  );
}

/**
 * The reliability of a group's or a system's components at a glance: open
 * incidents, overdue action items, postmortems due (those of the last 90
 * days not yet published), the SLOs with least budget left, and who
 * is on call now for the group's schedules. One request, the entity summary.
 *
 * @internal
 */
export function EntityReliabilityRollupCard(props: { tabPath?: string }) {
  const { tabPath = 'reliability' } = props;
  const classes = useStyles();
  const summary = useEntityReliabilitySummary();
  const sloLink = useSloLink();
  const title = 'Reliability';
  if (summary.loading && !summary.value) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (summary.error || !summary.value) {
    return (
      <InfoCard title={title}>
        <SummaryError
          error={summary.error ?? new Error('No summary')}
          title="Could not load reliability"
        />
      </InfoCard>
    );
  }
  const {
    components = [],
    incidents,
    actionItems,
    oncall,
    slos,
  } = summary.value;
  const sloList = slos?.slos ?? [];
  const overBudget = sloList.filter(
    slo => (slo.budget.remainingFraction ?? 0) < 0,
  ).length;
  const open = incidents.recent.filter(i => i.status !== 'resolved');
  const onCall = (oncall?.schedules ?? []).filter(s => s.current);
  const postmortemsDue = incidents.postmortemsDue;
  return (
    <InfoCard
      title={title}
      subheader={`${components.length} component${
        components.length === 1 ? '' : 's'
      } you can see`}
      deepLink={{ title: 'Per component and review', link: tabPath }}
    >
      <div className={classes.stats}>
        <Stat label="Open incidents" value={incidents.openCount} alarm />
        <Stat label="Overdue actions" value={actionItems.overdueCount} alarm />
        <Stat label="Open actions" value={actionItems.openCount} />
        {postmortemsDue && (
          <Stat
            label="Postmortems due"
            value={postmortemsDue.count}
            alarm={postmortemsDue.overdueCount > 0}
            detail={
              postmortemsDue.overdueCount
                ? `${postmortemsDue.overdueCount} overdue`
                : undefined
            }
          />
        )}
        <Stat label="SLOs over budget" value={overBudget} alarm />
      </div>
      <Typography variant="subtitle2" className={classes.heading}>
        Least error budget left
      </Typography>
      {sloList.length ? (
        worstSlos(sloList, 3).map(slo => (
          <Box key={slo.id} className={classes.slo}>
            <Typography variant="body2">
              <Link to={sloLink(slo.entityRef, slo.id)}>{slo.displayName}</Link>{' '}
              · <EntityRefLink entityRef={slo.entityRef} hideIcon />
            </Typography>
            <BudgetBar slo={slo} label="percent" />
          </Box>
        ))
      ) : (
        <Typography variant="body2" color="textSecondary">
          None of these components defines SLOs yet (the{' '}
          <code>reliability-hub.io/openslo</code> annotation).
        </Typography>
      )}
      <Typography variant="subtitle2" className={classes.heading}>
        Open incidents
      </Typography>
      {open.length ? (
        <RecentIncidents incidents={open} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No open incidents.
        </Typography>
      )}
      <Typography variant="subtitle2" className={classes.heading}>
        On call now
      </Typography>
      {onCall.length ? (
        onCall.map(schedule => (
          <Box key={schedule.scheduleId} display="flex" alignItems="center">
            <Typography
              variant="body2"
              style={{ minWidth: 170, marginRight: 8 }}
            >
              {schedule.name}
            </Typography>
            <OnCallPerson userRef={schedule.current!.user} compact />
          </Box>
        ))
      ) : (
        <Typography variant="body2" color="textSecondary">
          No schedule of this team has anyone on call now.
        </Typography>
      )}
    </InfoCard>
  );
}
