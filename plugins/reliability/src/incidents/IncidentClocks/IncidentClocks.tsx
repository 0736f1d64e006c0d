import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AlarmIcon from '@material-ui/icons/Alarm';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import {
  IncidentClock,
  IncidentClockInput,
} from '@reliability-hub/plugin-reliability-common';
import { exactTime } from '../../shared/time';
import { CLOCK_LABELS, clockStateText } from '../clockText';
import { useIncidentClocks } from '../useIncidentClocks';

const useStyles = makeStyles(theme => ({
  clocks: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  clock: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.75, 1.5),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    minWidth: 180,
  },
  overdue: {
    borderColor: theme.palette.error.main,
    backgroundColor: theme.palette.type === 'dark' ? undefined : '#fdecea',
    color: theme.palette.error.dark,
  },
  dueSoon: {
    borderColor: theme.palette.warning.main,
    color: theme.palette.warning.dark,
  },
  stopped: { color: theme.palette.text.secondary },
  label: { fontWeight: 600 },
}));

function ClockBox(props: { clock: IncidentClock }) {
  const { clock } = props;
  const classes = useStyles();
  const stopped = clock.state === 'met' || clock.state === 'missed';
  const tone = {
    overdue: classes.overdue,
    'due-soon': classes.dueSoon,
    running: '',
    met: classes.stopped,
    missed: classes.stopped,
  }[clock.state];
  let icon = <AlarmIcon fontSize="small" />;
  if (clock.state === 'met') {
    icon = <CheckCircleOutlineIcon fontSize="small" />;
  } else if (clock.state === 'overdue' || clock.state === 'missed') {
    icon = <ErrorOutlineIcon fontSize="small" />;
  }
  return (
    <Tooltip
      title={`${stopped ? 'Was due' : 'Due'} ${exactTime(clock.dueAt)}${
        clock.doneAt ? `, reached ${exactTime(clock.doneAt)}` : ''
      }`}
    >
      <div
        className={`${classes.clock} ${tone}`}
        role="status"
        aria-label={`${CLOCK_LABELS[clock.kind]} ${clockStateText(clock)}`}
        data-clock={clock.kind}
        data-state={clock.state}
      >
        {icon}
        <div>
          <Typography variant="body2" className={classes.label}>
            {CLOCK_LABELS[clock.kind]}
          </Typography>
          <Typography variant="body2">{clockStateText(clock)}</Typography>
        </div>
      </div>
    </Tooltip>
  );
}

/**
 * The incident's targets under its severity's policy (acknowledge, next
 * update, escalation, mitigation, postmortem), counting down every second;
 * overdue ones in red. Says so when the severity sets no targets.
 *
 * @internal
 */
export function IncidentClocks(props: {
  incident: IncidentClockInput & { severity: string };
}) {
  const classes = useStyles();
  const clocks = useIncidentClocks(props.incident);
  if (!clocks.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No response targets: {props.incident.severity} sets none, or they have
        all been met.
      </Typography>
    );
  }
  return (
    <Box className={classes.clocks} aria-label="Response targets">
      {clocks.map(clock => (
        <ClockBox key={clock.kind} clock={clock} />
      ))}
    </Box>
  );
}
