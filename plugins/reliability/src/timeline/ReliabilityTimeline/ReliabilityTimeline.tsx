import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import {
  incidentLabel,
  incidentsWithin,
  ReliabilityTimeline as Timeline,
  TIMELINE_DAYS,
} from '@reliability-hub/plugin-reliability-common';
import { ReactNode, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { reliabilityApiRef } from '../../api';
import { severityColor, SeverityChip } from '../../incidents/SeverityChip';
import { useReliabilityLinks } from '../../shared/links';
import { exactTime } from '../../shared/time';
import { dayTick, tooltipTime } from '../../slo/chartParts/time';
import { formatBudgetPercent } from '../../slo/format';
import { SummaryError } from '../../summary/SummaryError';
import {
  budgetDrops,
  budgetSteps,
  intervalAround,
  TimelineInterval,
} from '../timelineData';

type Days = (typeof TIMELINE_DAYS)[number];

const HEIGHT = 260;

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
  },
  legendItem: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  },
  swatch: {
    display: 'inline-block',
    width: 14,
    height: 14,
    borderRadius: 2,
  },
  marker: {
    display: 'inline-block',
    width: 0,
    height: 14,
    borderLeftWidth: 2,
  },
  list: {
    listStyle: 'none',
    padding: 0,
    margin: 0,
    '& > li': {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
      padding: theme.spacing(0.5, 0),
    },
  },
  drops: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  dropButton: {
    textTransform: 'none',
  },
  chart: {
    cursor: 'pointer',
  },
}));

/** The colours of the markers, from the theme so both themes read them. */
function markerColors(theme: Theme) {
  return {
    budget: theme.palette.primary.main,
    postmortem: theme.palette.info.main,
    actionItem: theme.palette.success.main,
    handoff: theme.palette.text.secondary,
    selection: theme.palette.text.primary,
  };
}

const DASHES = { postmortem: undefined, actionItem: '6 3', handoff: '2 4' };

function personName(ref: string | null): string {
  if (!ref) {
    return 'nobody';
  }
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

function plural(count: number, one: string, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

function within(iso: string, interval: TimelineInterval) {
  const at = Date.parse(iso);
  return at >= interval.from && at < interval.to;
}

/** A legend entry: a swatch or a marker line and its meaning. */
function LegendEntry(props: {
  color: string;
  label: string;
  kind?: 'area' | 'line';
  dash?: string;
}) {
  const classes = useStyles();
  const { color, label, kind = 'area', dash } = props;
  return (
    <li className={classes.legendItem}>
      {kind === 'area' ? (
        <span
          aria-hidden
          className={classes.swatch}
          style={{ backgroundColor: color, opacity: 0.6 }}
        />
      ) : (
        <span
          aria-hidden
          className={classes.marker}
          style={{
            borderLeftColor: color,
            borderLeftStyle: dash ? 'dashed' : 'solid',
          }}
        />
      )}
      <Typography variant="caption">{label}</Typography>
    </li>
  );
}

/** What happened within the picked interval: incidents first, then the rest. */
function IntervalDetails(props: {
  timeline: Timeline;
  interval: TimelineInterval;
  onClear: () => void;
}) {
  const { timeline, interval, onClear } = props;
  const classes = useStyles();
  const links = useReliabilityLinks();
  const incidents = incidentsWithin(timeline.incidents, interval);
  const postmortems = timeline.postmortems.filter(p =>
    within(p.publishedAt, interval),
  );
  const actionItems = timeline.actionItems.filter(a =>
    within(a.completedAt, interval),
  );
  const handoffs = timeline.handoffs.filter(h => within(h.at, interval));
  const heading = `${exactTime(
    new Date(Math.max(interval.from, Date.parse(timeline.from))).toISOString(),
  )} – ${exactTime(
    new Date(Math.min(interval.to, Date.parse(timeline.to))).toISOString(),
  )}`;
  return (
    <Box
      component="section"
      mt={2}
      aria-label="What happened in the picked interval"
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2">{heading}</Typography>
        <Button size="small" onClick={onClear}>
          Clear
        </Button>
      </Box>
      {incidents.length ? (
        <ul className={classes.list} aria-label="Incidents in the interval">
          {incidents.map(incident => (
            <li key={incident.id}>
              <SeverityChip severity={incident.severity} />
              <Link
                to={links.incident(timeline.entityRef, incidentLabel(incident))}
              >
                {incident.title}
              </Link>
              <Typography variant="caption" color="textSecondary">
                {incidentLabel(incident)} · {exactTime(incident.startedAt)} –{' '}
                {incident.resolvedAt
                  ? exactTime(incident.resolvedAt)
                  : 'still open'}
              </Typography>
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No incident overlaps this interval.
        </Typography>
      )}
      {postmortems.map(p => (
        <Typography variant="body2" key={p.id}>
          Postmortem published:{' '}
          <Link to={links.postmortem(timeline.entityRef, p.id)}>{p.title}</Link>
        </Typography>
      ))}
      {actionItems.map(a => (
        <Typography variant="body2" key={a.id}>
          Action item closed: {a.title}
        </Typography>
      ))}
      {handoffs.map(h => (
        <Typography variant="body2" key={`${h.schedule}-${h.at}`}>
          On call ({h.schedule}): {personName(h.from)} → {personName(h.to)} at{' '}
          {exactTime(h.at)}
        </Typography>
      ))}
    </Box>
  );
}

function TimelineChart(props: {
  timeline: Timeline;
  interval: TimelineInterval | undefined;
  onPick: (interval: TimelineInterval) => void;
}) {
  const { timeline, interval, onPick } = props;
  const theme = useTheme<Theme>();
  const classes = useStyles();
  const colors = markerColors(theme);
  const steps = useMemo(() => budgetSteps(timeline), [timeline]);
  const from = Date.parse(timeline.from);
  const to = Date.parse(timeline.to);
  const { stepMs } = timeline.budget;
  const values = steps.flatMap(s =>
    s.remaining === null ? [] : [s.remaining],
  );
  const low = Math.min(0, Math.floor(Math.min(0, ...values) / 10) * 10);
  const high = Math.max(100, Math.ceil(Math.max(100, ...values) / 10) * 10);
  // A short incident still gets a span wide enough to see and click.
  const minSpan = (to - from) / 150;

  return (
    <figure
      aria-label="Reliability timeline"
      className={classes.chart}
      style={{ margin: 0 }}
      data-points={values.length}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <ComposedChart
          data={steps}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
          onClick={(state: any) => {
            const at = Number(state?.activeLabel);
            if (Number.isFinite(at)) {
              onPick(intervalAround(at, stepMs));
            }
          }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={[from, to]}
            tickFormatter={dayTick}
            minTickGap={32}
            stroke={theme.palette.text.secondary}
            fontSize={12}
          />
          <YAxis
            domain={[low, high]}
            tickFormatter={(v: number) => `${v} %`}
            stroke={theme.palette.text.secondary}
            fontSize={12}
            width={56}
          />
          {/* Drawn first, so the incident spans and markers lie on top. */}
          <Area
            type="stepAfter"
            dataKey="remaining"
            name="Budget left"
            stroke={colors.budget}
            strokeWidth={2}
            fill={colors.budget}
            fillOpacity={0.12}
            isAnimationActive={false}
            connectNulls={false}
            dot={false}
          />
          {timeline.incidents.map(incident => {
            const start = Math.max(from, Date.parse(incident.startedAt));
            const end = Math.min(
              to,
              incident.resolvedAt ? Date.parse(incident.resolvedAt) : to,
            );
            const color = severityColor(theme, incident.severity);
            return (
              <ReferenceArea
                key={incident.id}
                x1={start}
                x2={Math.max(end, start + minSpan)}
                fill={color}
                fillOpacity={0.25}
                stroke={color}
                strokeOpacity={0.8}
                ifOverflow="hidden"
                onClick={() =>
                  onPick({ from: start, to: Math.max(end, start + 1) })
                }
              />
            );
          })}
          {interval && (
            <ReferenceArea
              x1={Math.max(from, interval.from)}
              x2={Math.min(to, interval.to)}
              fill={colors.selection}
              fillOpacity={0.08}
              stroke={colors.selection}
              strokeDasharray="3 3"
              ifOverflow="hidden"
            />
          )}
          {timeline.handoffs.map(h => (
            <ReferenceLine
              key={`${h.schedule}-${h.at}`}
              x={Date.parse(h.at)}
              stroke={colors.handoff}
              strokeOpacity={0.5}
              strokeDasharray={DASHES.handoff}
            />
          ))}
          {timeline.postmortems.map(p => (
            <ReferenceLine
              key={p.id}
              x={Date.parse(p.publishedAt)}
              stroke={colors.postmortem}
              strokeWidth={2}
            />
          ))}
          {timeline.actionItems.map(a => (
            <ReferenceLine
              key={a.id}
              x={Date.parse(a.completedAt)}
              stroke={colors.actionItem}
              strokeWidth={2}
              strokeDasharray={DASHES.actionItem}
            />
          ))}
          <Tooltip
            labelFormatter={tooltipTime}
            formatter={(value: number) => [
              formatBudgetPercent(value / 100),
              'Budget left (worst SLO)',
            ]}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

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

  const summary = [
    plural(timeline.incidents.length, 'incident'),
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
