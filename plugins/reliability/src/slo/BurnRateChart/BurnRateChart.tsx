import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  BurnRateAlertRule,
  SloHistory,
} from '@reliability-hub/plugin-reliability-common';
import {
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
import { formatBurnRate } from '../format';
import { timeDomain, tooltipTime } from '../chartParts/time';
import { timeAxisProps } from '../chartParts/axes';

/** Y ticks to pick from; a square-root scale spreads them out. */
const NICE_TICKS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** Colours of the two series. */
const SERIES = { burn1h: '#1e88e5', burn6h: '#8e24aa' };

/**
 * The 1h and 6h burn rates over the SLO window, with the alert factors of
 * the multi-window rules (14.4, 6, 3 and 1 for a 30-day SLO) as lines.
 *
 * @internal
 */
export function BurnRateChart(props: {
  history: SloHistory;
  rules: readonly BurnRateAlertRule[];
  height?: number;
}) {
  const { history, rules, height = 280 } = props;
  const theme = useTheme();
  const data = history.points.map(point => ({
    at: Date.parse(point.at),
    burn1h: point.burnRate1h,
    burn6h: point.burnRate6h,
  }));
  const values = data.flatMap(p =>
    [p.burn1h, p.burn6h].filter((v): v is number => v !== null),
  );
  if (values.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No burn rates in this window yet.
      </Typography>
    );
  }
  const [start, end] = timeDomain(
    history.slo.window,
    data.map(p => p.at),
  );
  const top = Math.ceil(Math.max(...values, ...rules.map(r => r.factor)) * 1.1);
  const ticks = [...NICE_TICKS.filter(t => t < top * 0.85), top];
  // One line per distinct factor: 1h and 6h page rules may share none, but
  // a custom policy can.
  const lines = rules.filter(
    (rule, index) => rules.findIndex(r => r.factor === rule.factor) === index,
  );

  return (
    <figure
      aria-label="Burn rate"
      style={{ margin: 0 }}
      data-points={values.length}
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis {...timeAxisProps(theme, [start, end])} />
          <YAxis
            scale="sqrt"
            ticks={ticks}
            domain={[0, top]}
            tickFormatter={(v: number) => `${v}×`}
            stroke={theme.palette.text.secondary}
            fontSize={12}
            width={48}
          />
          {lines.map(rule => (
            <ReferenceLine
              key={rule.name}
              y={rule.factor}
              stroke={
                rule.severity === 'page'
                  ? theme.palette.error.main
                  : theme.palette.warning.main
              }
              strokeDasharray="4 4"
              label={{
                value: `${formatBurnRate(rule.factor)} ${rule.severity} (${
                  rule.longWindow
                })`,
                position: 'insideTopLeft',
                fontSize: 11,
                fill:
                  rule.severity === 'page'
                    ? theme.palette.error.main
                    : theme.palette.warning.dark,
              }}
            />
          ))}
          <Tooltip
            labelFormatter={tooltipTime}
            formatter={(value: number, name: string) => [
              formatBurnRate(value),
              name,
            ]}
          />
          <Legend verticalAlign="top" height={28} />
          <Line
            type="monotone"
            dataKey="burn1h"
            name="1h burn rate"
            stroke={SERIES.burn1h}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="burn6h"
            name="6h burn rate"
            stroke={SERIES.burn6h}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <Typography
        variant="caption"
        color="textSecondary"
        component="figcaption"
      >
        1× spends exactly the budget over the SLO window; the scale is a square
        root so that spikes do not flatten the rest. Dashed lines are the alert
        factors: page above the red ones, ticket above the orange ones.
      </Typography>
    </figure>
  );
}
