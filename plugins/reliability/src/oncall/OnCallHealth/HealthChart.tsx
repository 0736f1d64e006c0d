import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import { OnCallHealthPerson } from '@reliability-hub/plugin-reliability-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { hoursText } from './hours';

const ROW_HEIGHT = 36;

/**
 * Each person's hours on call as one bar, split into working hours, weekday
 * nights and evenings, and weekends (in their own zone), so an uneven load
 * and who carries the nights show at a glance.
 *
 * @internal
 */
export function HealthChart(props: {
  people: OnCallHealthPerson[];
  nameOf: (userRef: string) => string;
}) {
  const theme = useTheme<Theme>();
  const onCall = props.people.filter(p => p.onCallHours > 0);
  if (!onCall.length) {
    return null;
  }
  const data = onCall.map(p => ({
    name: props.nameOf(p.user),
    'Working hours': p.onCallHours - p.outOfHoursHours,
    'Weekday evenings and nights': p.outOfHoursHours - p.weekendHours,
    Weekend: p.weekendHours,
  }));
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  const most = Math.max(...onCall.map(p => p.onCallHours));
  // Ticks on whole days or weeks of hours, which people count shifts in.
  const step = [6, 12, 24, 48, 168, 336].find(s => most / s <= 8) ?? 672;
  const ticks = Array.from(
    { length: Math.ceil(most / step) + 1 },
    (_, i) => i * step,
  );
  return (
    <figure aria-label="Hours on call per person" style={{ margin: 0 }}>
      <Typography variant="subtitle2" component="figcaption">
        Hours on call per person
      </Typography>
      <ResponsiveContainer width="100%" height={80 + data.length * ROW_HEIGHT}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 24, left: 8, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            unit=" h"
            ticks={ticks}
            domain={[0, ticks[ticks.length - 1]]}
            {...axis}
          />
          <YAxis type="category" dataKey="name" width={150} {...axis} />
          <Tooltip formatter={(value: number) => hoursText(value)} />
          <Legend />
          <Bar
            dataKey="Working hours"
            stackId="hours"
            fill={theme.palette.success.main}
            isAnimationActive={false}
          />
          <Bar
            dataKey="Weekday evenings and nights"
            stackId="hours"
            fill={theme.palette.warning.main}
            isAnimationActive={false}
          />
          <Bar
            dataKey="Weekend"
            stackId="hours"
            fill={theme.palette.error.main}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
