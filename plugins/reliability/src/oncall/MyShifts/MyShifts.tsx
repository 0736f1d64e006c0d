import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  finalSchedule,
  ScheduleRecord,
  Shift,
  TimeRange,
} from '@reliability-hub/plugin-reliability-common';
import { bothTimes, fromNow } from '../format';

/**
 * How far before the range a shift under way is looked for, so that it
 * shows when it really started, not the range's start.
 */
const LOOK_BACK_MS = 31 * 24 * 60 * 60 * 1000;

/**
 * The signed-in user's shifts over the range, across every schedule, in
 * order; shifts already under way are included.
 *
 * @internal
 */
export function MyShifts(props: {
  userRef: string;
  schedules: ScheduleRecord[];
  range: TimeRange;
  /** How the range is described: "in the next 14 days". */
  rangeText: string;
}) {
  const { userRef, schedules, range, rangeText } = props;
  const from = Date.parse(range.start);
  const computed = {
    start: new Date(from - LOOK_BACK_MS).toISOString(),
    end: range.end,
  };
  const mine: Array<{ record: ScheduleRecord; shift: Shift }> = schedules
    .flatMap(record =>
      finalSchedule(record.schedule, computed)
        .filter(shift => shift.user === userRef && Date.parse(shift.end) > from)
        .map(shift => ({ record, shift })),
    )
    .sort((a, b) => a.shift.start.localeCompare(b.shift.start));

  if (mine.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        You have no on-call shifts {rangeText}.
      </Typography>
    );
  }
  return (
    <List dense aria-label="My shifts">
      {mine.map(({ record, shift }) => {
        const zone = record.schedule.timeZone;
        const started = Date.parse(shift.start) <= Date.now();
        return (
          <ListItem key={`${record.id}-${shift.start}`} disableGutters>
            <ListItemText
              primary={`${record.name}${
                shift.override ? ' · override' : ''
              } · ${
                started ? 'on call now' : `starts ${fromNow(shift.start)}`
              }`}
              secondary={`${bothTimes(shift.start, zone)} → ${bothTimes(
                shift.end,
                zone,
              )}`}
              secondaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
