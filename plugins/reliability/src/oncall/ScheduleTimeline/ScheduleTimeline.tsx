import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  finalSchedule,
  gaps,
  ScheduleRecord,
  Shift,
  TimeRange,
} from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { Person, refName } from '../../shared/people';
import { bothTimes } from '../format';

/** Layer colours, in layer order; overrides and gaps have their own look. */
const LAYER_COLOURS = ['#1f77b4', '#2ca02c', '#9467bd', '#17becf', '#8c564b'];

const useStyles = makeStyles(theme => ({
  grid: { display: 'grid', gridTemplateColumns: '180px 1fr', rowGap: 6 },
  name: {
    fontWeight: 600,
    paddingRight: theme.spacing(1),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    alignSelf: 'center',
  },
  row: {
    position: 'relative',
    height: 32,
    background: theme.palette.background.default,
    borderRadius: 4,
  },
  ticks: { position: 'relative', height: 20 },
  tick: {
    position: 'absolute',
    top: 0,
    fontSize: '0.7rem',
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
  },
  dayLine: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderLeft: `1px solid ${theme.palette.divider}`,
  },
  bar: {
    position: 'absolute',
    top: 3,
    bottom: 3,
    borderRadius: 3,
    color: '#fff',
    fontSize: '0.72rem',
    lineHeight: '26px',
    paddingLeft: 4,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    boxSizing: 'border-box',
    borderRight: '1px solid rgba(255,255,255,0.8)',
  },
  override: {
    background:
      'repeating-linear-gradient(45deg, #e65100, #e65100 6px, #ff9800 6px, #ff9800 12px)',
    top: 0,
    bottom: 0,
    border: '2px solid #bf360c',
    fontWeight: 700,
  },
  gap: {
    background:
      'repeating-linear-gradient(-45deg, rgba(211,47,47,0.15), rgba(211,47,47,0.15) 4px, rgba(211,47,47,0.4) 4px, rgba(211,47,47,0.4) 8px)',
    border: `1px dashed ${theme.palette.error.main}`,
    color: theme.palette.error.dark,
    fontWeight: 700,
  },
  now: {
    position: 'absolute',
    top: -2,
    bottom: -2,
    width: 2,
    background: theme.palette.error.main,
    zIndex: 1,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1.5),
    fontSize: '0.8rem',
  },
  swatch: {
    display: 'inline-block',
    width: 24,
    height: 12,
    marginRight: 6,
    verticalAlign: 'middle',
    borderRadius: 2,
  },
}));

function position(range: TimeRange, from: string, to: string) {
  const start = Date.parse(range.start);
  const span = Date.parse(range.end) - start;
  const left = ((Date.parse(from) - start) / span) * 100;
  const width = ((Date.parse(to) - Date.parse(from)) / span) * 100;
  return { left: `${left}%`, width: `${width}%` };
}

/** What picking a shift on the timeline does, if anything. */
type OnShiftClick = (
  record: ScheduleRecord,
  shift: Shift,
  anchor: HTMLElement,
) => void;

function ScheduleRow(props: {
  record: ScheduleRecord;
  range: TimeRange;
  profiles: Map<string, Person>;
  onShiftClick?: OnShiftClick;
}) {
  const { record, range, profiles, onShiftClick } = props;
  const classes = useStyles();
  const zone = record.schedule.timeZone;
  const shifts: Shift[] = finalSchedule(record.schedule, range);
  const holes = gaps(record.schedule, range);
  const layerIndex = new Map(
    record.schedule.layers.map((layer, index) => [layer.name, index]),
  );
  const nowPosition = position(range, range.start, new Date().toISOString());

  return (
    <>
      <Typography
        variant="body2"
        component="div"
        className={classes.name}
        title={record.name}
      >
        {record.name}
        <Typography variant="caption" component="div" color="textSecondary">
          {zone}
        </Typography>
      </Typography>
      <div
        className={classes.row}
        role="list"
        aria-label={`Timeline of ${record.name}`}
      >
        {shifts.map(shift => {
          const name =
            profiles.get(shift.user)?.displayName ?? refName(shift.user);
          const source = shift.override
            ? 'override'
            : `layer ${shift.layer ?? ''}`;
          const label = `${name} (${source}): ${bothTimes(
            shift.start,
            zone,
          )} – ${bothTimes(shift.end, zone)}`;
          const colour =
            LAYER_COLOURS[
              (layerIndex.get(shift.layer ?? '') ?? 0) % LAYER_COLOURS.length
            ];
          return (
            <Tooltip key={`${shift.start}-${shift.user}`} title={label}>
              <div
                role="listitem"
                aria-label={label}
                data-kind={shift.override ? 'override' : 'layer'}
                className={`${classes.bar} ${
                  shift.override ? classes.override : ''
                }`}
                style={{
                  ...position(range, shift.start, shift.end),
                  background: shift.override ? undefined : colour,
                  cursor: onShiftClick ? 'pointer' : undefined,
                }}
                {...(onShiftClick && {
                  tabIndex: 0,
                  onClick: e => onShiftClick(record, shift, e.currentTarget),
                  onKeyDown: e =>
                    e.key === 'Enter' &&
                    onShiftClick(record, shift, e.currentTarget),
                })}
              >
                {name}
              </div>
            </Tooltip>
          );
        })}
        {holes.map(hole => {
          const label = `Nobody on call: ${bothTimes(
            hole.start,
            zone,
          )} – ${bothTimes(hole.end, zone)}`;
          return (
            <Tooltip key={`gap-${hole.start}`} title={label}>
              <div
                role="listitem"
                aria-label={label}
                data-kind="gap"
                className={`${classes.bar} ${classes.gap}`}
                style={position(range, hole.start, hole.end)}
              >
                gap
              </div>
            </Tooltip>
          );
        })}
        <div className={classes.now} style={{ left: nowPosition.width }} />
      </div>
    </>
  );
}

/**
 * Who is on call over the coming days, one row per schedule, drawn from the
 * stored schedules with the same rotation math the backend uses: layer
 * shifts in solid colours, overrides striped orange, gaps hatched red.
 *
 * @internal
 */
export function ScheduleTimeline(props: {
  schedules: ScheduleRecord[];
  range: TimeRange;
  profiles: Map<string, Person>;
  /** Makes shifts clickable, e.g. to take or swap one. */
  onShiftClick?: OnShiftClick;
}) {
  const { schedules, range, profiles, onShiftClick } = props;
  const classes = useStyles();
  const days: DateTime[] = [];
  for (
    let day = DateTime.fromISO(range.start).startOf('day');
    day < DateTime.fromISO(range.end);
    day = day.plus({ days: 1 })
  ) {
    if (day >= DateTime.fromISO(range.start)) {
      days.push(day);
    }
  }

  return (
    <Box>
      <div className={classes.grid}>
        <div />
        <div className={classes.ticks}>
          {days.map((day, i) => {
            // Beyond two weeks a label a day overlaps: Mondays (and the
            // first day, unless a Monday follows at once) only.
            if (
              days.length > 14 &&
              day.weekday !== 1 &&
              !(i === 0 && day.weekday < 6)
            ) {
              return null;
            }
            const { left } = position(range, day.toISO()!, day.toISO()!);
            return (
              <span key={day.toISO()} className={classes.tick} style={{ left }}>
                {day.toFormat('ccc d')}
              </span>
            );
          })}
        </div>
        {schedules.map(record => (
          <ScheduleRow
            key={record.id}
            record={record}
            range={range}
            profiles={profiles}
            onShiftClick={onShiftClick}
          />
        ))}
      </div>
      <div className={classes.legend}>
        <span>
          <span
            className={classes.swatch}
            style={{ background: LAYER_COLOURS[0] }}
          />
          Layer shift (colour per layer)
        </span>
        <span>
          <span className={`${classes.swatch} ${classes.override}`} />
          Override
        </span>
        <span>
          <span className={`${classes.swatch} ${classes.gap}`} />
          Gap: nobody on call
        </span>
        <span>Days in your time zone; hover a shift for both zones.</span>
      </div>
    </Box>
  );
}
