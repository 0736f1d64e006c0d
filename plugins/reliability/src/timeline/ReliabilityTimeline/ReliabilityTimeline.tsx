import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  ReliabilityTimeline as Timeline,
  TIMELINE_DAYS,
} from '@reliability-hub/plugin-reliability-common';
import { ReactNode, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { severityColor } from '../../incidents/SeverityChip';
import { dayTick } from '../../slo/chartParts/time';
import { formatBudgetPercent } from '../../slo/format';
import { SummaryError } from '../../summary/SummaryError';
import {
  budgetDrops,
  budgetSteps,
  intervalAround,
  TimelineInterval,
} from '../timelineData';
import { IntervalDetails, plural } from './IntervalDetails';
import { TimelineChart } from './TimelineChart';
import { LegendEntry } from './TimelineLegend';
import { DASHES, markerColors, useStyles } from './timelineStyles';

type Days = (typeof TIMELINE_DAYS)[number];

function TimelineBody(props: { timeline: Timeline }) {
  const { timeline } = props;
  const theme = useTheme<Theme>();
  const classes = useStyles();
  const colors = markerColors(theme);
  const [interval, setPicked] = useState<TimelineInterval>();
  const steps = useMemo(() => budgetSteps(timeline), [timeline]);
  const drops = useMemo(() => budgetDrops(steps), [steps]);
  const severities = [...new Set(timeline.incidents.map(i => i.severity))]
    .sort()
    .slice(0, 6);
  const nothing =
    !timeline.budget.points.length &&
    !timeline.incidents.length &&
    !timeline.postmortems.length &&
    !timeline.actionItems.length &&
    !timeline.handoffs.length;
  if (nothing) {
    return (
      <Typography color="textSecondary">
        Nothing to show for the last {timeline.days} days: no SLO evaluations,
        incidents, postmortems, closed action items or on-call hand-offs.
      </Typography>
    );
  }

  const drills = timeline.incidents.filter(i => i.drill).length;
  const summary = [
    plural(timeline.incidents.length - drills, 'incident'),
    ...(drills ? [plural(drills, 'drill')] : []),
    `${plural(timeline.postmortems.length, 'postmortem')} published`,
    `${plural(timeline.actionItems.length, 'action item')} closed`,
    plural(timeline.handoffs.length, 'on-call hand-off'),
  ].join(' · ');

  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {summary}
        {timeline.truncated.length > 0 &&
          ` (only the latest ${timeline.truncated.join(', ')} are shown)`}
      </Typography>
      <TimelineChart
        timeline={timeline}
        interval={interval}
        onPick={setPicked}
      />
      <ul className={classes.legend} aria-label="Legend">
        <LegendEntry color={colors.budget} label="Budget left (worst SLO)" />
        {severities.map(severity => (
          <LegendEntry
            key={severity}
            color={severityColor(theme, severity)}
            label={`${severity} incident`}
          />
        ))}
        <LegendEntry
          color={colors.postmortem}
          kind="line"
          label="Postmortem published"
        />
        <LegendEntry
          color={colors.actionItem}
          kind="line"
          dash={DASHES.actionItem}
          label="Action item closed"
        />
        <LegendEntry
          color={colors.handoff}
          kind="line"
          dash={DASHES.handoff}
          label="On-call hand-off"
        />
      </ul>
      {drops.length > 0 && (
        <Box className={classes.drops} role="group" aria-label="Budget drops">
          <Typography variant="caption" color="textSecondary">
            Largest budget drops:
          </Typography>
          {drops.map(drop => (
            <Button
              key={drop.at}
              size="small"
              variant="outlined"
              className={classes.dropButton}
              onClick={() =>
                setPicked(intervalAround(drop.at, timeline.budget.stepMs))
              }
            >
              {formatBudgetPercent(drop.before / 100)} →{' '}
              {formatBudgetPercent(drop.after / 100)} on {dayTick(drop.at)}
            </Button>
          ))}
        </Box>
      )}
      {interval ? (
        <IntervalDetails
          timeline={timeline}
          interval={interval}
          onClear={() => setPicked(undefined)}
        />
      ) : (
        <Typography variant="caption" color="textSecondary" component="p">
          Click the chart, an incident or a budget drop to see what happened
          then.
        </Typography>
      )}
    </>
  );
}

/**
 * A component's reliability on one time axis over the last 7, 30 or 90
 * days: the error budget left (the worst of its SLOs), incidents as spans
 * coloured by severity, postmortems published, action items closed and
 * on-call hand-offs. Clicking the chart, an incident or a budget drop lists
 * the incidents within that interval.
 *
 * @internal
 */
export function ReliabilityTimeline(props: {
  entityRef: string;
  /** The range shown first, in days. */
  days?: Days;
}): JSX.Element {
  const api = useApi(reliabilityApiRef);
  const [days, setDays] = useState<Days>(props.days ?? 30);
  const state = useAsync(
    () => api.getTimeline({ entityRef: props.entityRef, days }),
    [api, props.entityRef, days],
  );

  let body: ReactNode;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = (
      <SummaryError error={state.error} title="Could not load the timeline" />
    );
  } else if (state.value) {
    body = <TimelineBody key={days} timeline={state.value} />;
  }

  return (
    <InfoCard
      title="Reliability timeline"
      subheader={`Error budget, incidents, postmortems, action items and on-call hand-offs over the last ${days} days`}
      action={
        <ButtonGroup size="small" aria-label="Range" color="primary">
          {TIMELINE_DAYS.map(option => (
            <Button
              key={option}
              aria-pressed={option === days}
              variant={option === days ? 'contained' : 'outlined'}
              onClick={() => setDays(option)}
            >
              {option} days
            </Button>
          ))}
        </ButtonGroup>
      }
    >
      {body}
    </InfoCard>
  );
}
