import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  formatReviewFigure,
  ReliabilityReview,
} from '@reliability-hub/plugin-reliability-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { severityColor } from '../../incidents/SeverityChip';

const HEIGHT = 240;

/** "Nov 3" from `2026-11-03`, in UTC as the review counts days. */
function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

function axisProps(theme: Theme) {
  return { stroke: theme.palette.text.secondary, fontSize: 12 };
}

/** Incidents per day or week of the period, stacked by severity. */
function IncidentTrend(props: { review: ReliabilityReview }) {
  const theme = useTheme<Theme>();
  const { trend } = props.review;
  const severities = [
    ...new Set(
      trend.points.flatMap(point => point.incidents.map(c => c.severity)),
    ),
  ].sort();
  const data = trend.points.map(point => ({
    label: dayLabel(point.start),
    ...Object.fromEntries(point.incidents.map(c => [c.severity, c.count])),
  }));
  if (!severities.length) {
    return (
      <Typography color="textSecondary">
        No incidents started in this period.
      </Typography>
    );
  }
  return (
    <figure aria-label="Incidents over the period" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart
          data={data}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" minTickGap={16} {...axisProps(theme)} />
          <YAxis allowDecimals={false} width={32} {...axisProps(theme)} />
          <Tooltip />
          <Legend />
          {severities.map(severity => (
            <Bar
              key={severity}
              dataKey={severity}
              stackId="severity"
              fill={severityColor(theme, severity)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The mean error budget consumed over the period, with the 100 % line. */
function BudgetTrend(props: { review: ReliabilityReview }) {
  const theme = useTheme<Theme>();
  const { trend } = props.review;
  const data = trend.points.map(point => ({
    label: dayLabel(point.start),
    consumed:
      point.budgetConsumedMean === null
        ? null
        : Math.round(point.budgetConsumedMean * 1000) / 10,
  }));
  if (!data.some(point => point.consumed !== null)) {
    return (
      <Typography color="textSecondary">
        No SLO was evaluated in this period.
      </Typography>
    );
  }
  return (
    <figure
      aria-label="Error budget consumed over the period"
      style={{ margin: 0 }}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" minTickGap={16} {...axisProps(theme)} />
          <YAxis
            width={56}
            tickFormatter={(v: number) => `${v} %`}
            domain={[
              0,
              (max: number) => Math.max(100, Math.ceil(max / 10) * 10),
            ]}
            {...axisProps(theme)}
          />
          <Tooltip
            formatter={(v: number) => [`${v} %`, 'Budget consumed (mean)']}
          />
          <ReferenceLine
            y={100}
            stroke={theme.palette.error.main}
            strokeDasharray="4 4"
            label={{
              value: 'Budget spent',
              position: 'insideTopRight',
              fontSize: 11,
              fill: theme.palette.error.main,
            }}
          />
          <Line
            type="monotone"
            dataKey="consumed"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Durations of both periods side by side, in minutes. */
function ResponseTimes(props: { review: ReliabilityReview }) {
  const theme = useTheme<Theme>();
  const { current, previous } = props.review;
  const minutes = (seconds: number | null) =>
    seconds === null ? null : Math.round(seconds / 6) / 10;
  const data = [
    {
      label: 'MTTD',
      current: current.incidents.mttdSeconds,
      previous: previous.incidents.mttdSeconds,
    },
    {
      label: 'MTTA',
      current: current.incidents.mttaSeconds,
      previous: previous.incidents.mttaSeconds,
    },
    {
      label: 'MTTR',
      current: current.incidents.mttrSeconds,
      previous: previous.incidents.mttrSeconds,
    },
  ].map(row => ({
    ...row,
    currentMinutes: minutes(row.current),
    previousMinutes: minutes(row.previous),
  }));
  if (!data.some(row => row.current !== null || row.previous !== null)) {
    return (
      <Typography color="textSecondary">
        No incident was detected, acknowledged or resolved in either period.
      </Typography>
    );
  }
  const seconds = (v: number) => formatReviewFigure(v * 60, 'duration');
  return (
    <figure
      aria-label="Response times beside the previous period"
      style={{ margin: 0 }}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart
          data={data}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axisProps(theme)} />
          <YAxis width={64} tickFormatter={seconds} {...axisProps(theme)} />
          <Tooltip formatter={(v: number) => seconds(v)} />
          <Legend />
          <Bar
            dataKey="previousMinutes"
            name="Previous period"
            fill={theme.palette.grey[400]}
            isAnimationActive={false}
          />
          <Bar
            dataKey="currentMinutes"
            name="This period"
            fill={theme.palette.primary.main}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/**
 * Where people look at trends: incidents and error budget over the period,
 * and response times beside the previous period.
 *
 * @internal
 */
export function ReviewCharts(props: { review: ReliabilityReview }) {
  const { review } = props;
  const step = review.trend.step === 'day' ? 'day' : 'week';
  return (
    <Grid container spacing={2} className="review-charts">
      <Grid item xs={12} md={4}>
        <InfoCard title="Incidents" subheader={`per ${step}, by severity`}>
          <IncidentTrend review={review} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard
          title="Error budget consumed"
          subheader={`mean over the SLOs, per ${step}`}
        >
          <BudgetTrend review={review} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard
          title="Response times"
          subheader="this period beside the previous one"
        >
          <ResponseTimes review={review} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
