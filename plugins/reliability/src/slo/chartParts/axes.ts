import { Theme } from '@material-ui/core/styles';
import { dayTick } from './time';

/*
 * The axis settings every time chart of the plugin shares, as props to
 * spread on Recharts' own `XAxis` and `YAxis` (Recharts finds its axes by
 * their element type, so they cannot be wrapped in components).
 */

/** A time x axis over `domain` (epoch milliseconds), ticked by day. */
export function timeAxisProps(theme: Theme, domain: [number, number]) {
  return {
    dataKey: 'at',
    type: 'number' as const,
    scale: 'time' as const,
    domain,
    tickFormatter: dayTick,
    minTickGap: 32,
    stroke: theme.palette.text.secondary,
    fontSize: 12,
  };
}

/** A y axis of percentages from `low` to `high`. */
export function percentAxisProps(theme: Theme, low: number, high: number) {
  return {
    domain: [low, high] as [number, number],
    tickFormatter: (v: number) => `${v} %`,
    stroke: theme.palette.text.secondary,
    fontSize: 12,
    width: 56,
  };
}
