import { Theme, useTheme } from '@material-ui/core/styles';
import { ReliabilityTimeline as Timeline } from '@reliability-hub/plugin-reliability-common';
import { useMemo } from 'react';
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
import { severityColor } from '../../incidents/SeverityChip';
import { tooltipTime } from '../../slo/chartParts/time';
import { formatBudgetPercent } from '../../slo/format';
import { budgetSteps, intervalAround, TimelineInterval } from '../timelineData';
import { DASHES, HEIGHT, markerColors, useStyles } from './timelineStyles';
import { percentAxisProps, timeAxisProps } from '../../slo/chartParts/axes';

/**
 * The budget left as a stepped area, incidents as clickable spans and the
 * other events as marker lines, on one time axis.
 */
export function TimelineChart(props: {
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
          <XAxis {...timeAxisProps(theme, [from, to])} />
          <YAxis {...percentAxisProps(theme, low, high)} />
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
                // A drill is an exercise: outlined and labelled, never taken
                // for an outage at a glance.
                fillOpacity={incident.drill ? 0.1 : 0.25}
                stroke={color}
                strokeOpacity={0.8}
                strokeDasharray={incident.drill ? DASHES.drill : undefined}
                label={
                  incident.drill
                    ? {
                        value: 'DRILL',
                        position: 'insideTopLeft',
                        fontSize: 10,
                        fontWeight: 700,
                        fill: color,
                      }
                    : undefined
                }
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
