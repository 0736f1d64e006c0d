import { Link } from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Incident,
  incidentLabel,
  isIncidentOpen,
} from '@reliability-hub/plugin-reliability-common';
import { useReliabilityLinks } from '../../shared/links';
import { durationText, startedText } from '../incidentTimes';
import { IncidentClockChip } from '../IncidentClockChip';
import { IncidentStatusChip } from '../IncidentStatusChip';
import { DrillChip, SeverityChip } from '../SeverityChip';

const useStyles = makeStyles(theme => ({
  incident: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  chips: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
  main: { flex: 1, minWidth: 0 },
  title: { fontWeight: 500 },
  muted: { color: theme.palette.text.secondary },
  heading: { display: 'block', marginTop: theme.spacing(1) },
  clock: { marginTop: theme.spacing(0.5), '&:empty': { display: 'none' } },
}));

function IncidentRow(props: { incident: Incident }) {
  const { incident } = props;
  const classes = useStyles();
  const links = useReliabilityLinks();
  const started = startedText(incident);
  return (
    <div className={classes.incident}>
      <div className={classes.chips}>
        <SeverityChip severity={incident.severity} />
        <DrillChip drill={incident.drill} />
      </div>
      <div className={classes.main}>
        <Typography variant="body2" className={classes.title}>
          <Link
            to={links.incident(incident.entityRef, incidentLabel(incident))}
          >
            {incident.title}
          </Link>
        </Typography>
        <Typography variant="caption" className={classes.muted}>
          <Tooltip title={started.exact}>
            <span>{started.relative}</span>
          </Tooltip>
          {' · '}
          {durationText(incident)}
          {incident.humanId && ` · ${incident.humanId}`}
        </Typography>
        <div className={classes.clock}>
          <IncidentClockChip incident={incident} />
        </div>
      </div>
      <IncidentStatusChip status={incident.status} />
    </div>
  );
}

/**
 * The incidents of the entity summary: open ones first, then the most recent
 * others, in the order the backend gives.
 *
 * @internal
 */
export function RecentIncidents(props: { incidents: Incident[] }) {
  const classes = useStyles();
  const open = props.incidents.filter(i => isIncidentOpen(i.status));
  const closed = props.incidents.filter(i => !isIncidentOpen(i.status));
  return (
    <>
      {open.length > 0 && (
        <Typography
          variant="overline"
          className={`${classes.muted} ${classes.heading}`}
        >
          Open incidents
        </Typography>
      )}
      {open.map(incident => (
        <IncidentRow key={incident.id} incident={incident} />
      ))}
      {closed.length > 0 && (
        <Typography
          variant="overline"
          className={`${classes.muted} ${classes.heading}`}
        >
          Recent incidents
        </Typography>
      )}
      {closed.map(incident => (
        <IncidentRow key={incident.id} incident={incident} />
      ))}
    </>
  );
}
