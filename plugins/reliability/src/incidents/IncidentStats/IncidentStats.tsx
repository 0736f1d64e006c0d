import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EntityIncidentSummary,
  formatDuration,
} from '@reliability-hub/plugin-reliability-common';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(4, minmax(0, 1fr))',
    gap: theme.spacing(1),
    [theme.breakpoints.down('xs')]: {
      gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    },
  },
  stat: {
    padding: theme.spacing(0.75, 1),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
    height: '100%',
  },
  value: {
    // Small enough for "12 h 59 min" in a quarter of a half-width card.
    fontSize: '1.15rem',
    fontWeight: 600,
    lineHeight: 1.3,
    whiteSpace: 'nowrap',
  },
  alarm: { color: theme.palette.error.main },
  label: { color: theme.palette.text.secondary, whiteSpace: 'nowrap' },
}));

function Stat(props: {
  label: string;
  value: string;
  help: string;
  alarm?: boolean;
}) {
  const classes = useStyles();
  return (
    <Tooltip title={props.help}>
      <Box className={classes.stat}>
        <Typography variant="caption" className={classes.label}>
          {props.label}
        </Typography>
        <Typography
          className={`${classes.value} ${props.alarm ? classes.alarm : ''}`}
        >
          {props.value}
        </Typography>
      </Box>
    </Tooltip>
  );
}

const total = (counts: EntityIncidentSummary['last30Days']) =>
  counts.reduce((sum, c) => sum + c.count, 0);

const meanText = (seconds: number | null) =>
  seconds === null ? '–' : formatDuration(seconds);

/**
 * The entity's incident figures: open now, last 30 days, MTTA and MTTR.
 *
 * @internal
 */
export function IncidentStats(props: { summary: EntityIncidentSummary }) {
  const { summary } = props;
  const classes = useStyles();
  return (
    <div className={classes.grid}>
      <Stat
        label="Open now"
        value={String(summary.openCount)}
        alarm={summary.openCount > 0}
        help="Incidents not yet resolved"
      />
      <Stat
        label="Last 30 days"
        value={String(total(summary.last30Days))}
        help="Incidents started in the last 30 days"
      />
      <Stat
        label="MTTA (90 d)"
        value={meanText(summary.mttaSeconds)}
        help="Mean time from start to acknowledgement, last 90 days"
      />
      <Stat
        label="MTTR (90 d)"
        value={meanText(summary.mttrSeconds)}
        help="Mean time from start to resolution, last 90 days"
      />
    </div>
  );
}
