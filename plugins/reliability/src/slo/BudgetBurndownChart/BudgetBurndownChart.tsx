import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  ErrorBudgetPolicyTier,
  SloHistory,
} from '@reliability-hub/plugin-reliability-common';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatBudgetPercent } from '../format';
import { tierColor } from '../tierColors';
import { timeDomain, tooltipTime } from '../chartParts/time';
import { percentAxisProps, timeAxisProps } from '../chartParts/axes';

interface Point {
  at: number;
  remaining: number | null;
}

/**
 * The error budget left over the SLO window, in percent, over the policy
 * tiers as coloured bands, with the even-spend line from 100 % at the start
 * of the window to 0 % at its end.
 *
 * @internal
 */
export function BudgetBurndownChart(props: {
  history: SloHistory;
  tiers: readonly ErrorBudgetPolicyTier[];
  height?: number;
}) {
  const { history, tiers, height = 280 } = props;
  const theme = useTheme();
  const data: Point[] = history.points.map(point => ({
    at: Date.parse(point.at),
    remaining:
      point.remainingFraction === null ? null : point.remainingFraction * 100,
  }));
  const values = data.flatMap(p => (p.remaining === null ? [] : [p.remaining]));
  if (values.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No budget figures in this window yet.
      </Typography>
    );
  }
  const [start, end] = timeDomain(
    history.slo.window,
    data.map(p => p.at),
  );
  const low = Math.min(0, Math.floor(Math.min(...values) / 10) * 10);
  const high = Math.max(100, Math.ceil(Math.max(...values) / 10) * 10);
  const gradientId = `burndown-${history.slo.id.replace(/[^a-z0-9]/gi, '-')}`;
  const line = tierColor(history.slo.tier?.index);

  return (
    <figure
      aria-label="Error budget burndown"
      style={{ margin: 0 }}
      data-points={values.length}
    >
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart
          data={data}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <defs>
            <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={line} stopOpacity={0.35} />
              <stop offset="100%" stopColor={line} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          {tiers.map((tier, index) => (
            <ReferenceArea
              key={tier.name}
              y1={Math.max(
                low,
                (1 - (tier.maxConsumed ?? 1 - low / 100)) * 100,
              )}
              y2={Math.min(high, (1 - tier.minConsumed) * 100)}
              fill={tierColor(index)}
              fillOpacity={0.07}
              stroke="none"
              ifOverflow="hidden"
            />
          ))}
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis {...timeAxisProps(theme, [start, end])} />
          <YAxis {...percentAxisProps(theme, low, high)} />
          {tiers.slice(1).map((tier, index) => {
            const y = (1 - tier.minConsumed) * 100;
            return (
              <ReferenceLine
                key={tier.name}
                y={y}
                stroke={tierColor(index + 1)}
                strokeDasharray="4 4"
                // A line on the x axis gets no label: it would cover the ticks.
                label={
                  y > low
                    ? {
                        value: tier.name,
                        position: 'insideTopRight',
                        fontSize: 11,
                        fill: tierColor(index + 1),
                      }
                    : undefined
                }
              />
            );
          })}
          <ReferenceLine
            segment={[
              { x: start, y: 100 },
              { x: end, y: 0 },
            ]}
            stroke={theme.palette.text.disabled}
            strokeDasharray="2 6"
            ifOverflow="extendDomain"
          />
          <Tooltip
            labelFormatter={tooltipTime}
            formatter={(value: number) => [
              formatBudgetPercent(value / 100),
              'Budget left',
            ]}
          />
          <Area
            type="monotone"
            dataKey="remaining"
            name="Budget left"
            stroke={line}
            strokeWidth={2}
            fill={`url(#${gradientId})`}
            isAnimationActive={false}
            connectNulls={false}
            dot={false}
          />
        </AreaChart>
      </ResponsiveContainer>
      <Typography
        variant="caption"
        color="textSecondary"
        component="figcaption"
      >
        Budget left over the SLO window. Bands are the policy tiers; the dotted
        diagonal spends the budget evenly.
      </Typography>
    </figure>
  );
}
