import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  incidentLabel,
  incidentsWithin,
  ReliabilityTimeline as Timeline,
} from '@reliability-hub/plugin-reliability-common';
import { DrillChip, SeverityChip } from '../../incidents/SeverityChip';
import { useReliabilityLinks } from '../../shared/links';
import { exactTime } from '../../shared/time';
import { TimelineInterval } from '../timelineData';
import { useStyles } from './timelineStyles';

function personName(ref: string | null): string {
  if (!ref) {
    return 'nobody';
  }
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** `1 incident`, `2 incidents`. */
export function plural(count: number, one: string, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

function within(iso: string, interval: TimelineInterval) {
  const at = Date.parse(iso);
  return at >= interval.from && at < interval.to;
}

/** What happened within the picked interval: incidents first, then the rest. */
export function IntervalDetails(props: {
  timeline: Timeline;
  interval: TimelineInterval;
  onClear: () => void;
}) {
  const { timeline, interval, onClear } = props;
  const classes = useStyles();
  const links = useReliabilityLinks();
  const incidents = incidentsWithin(timeline.incidents, interval);
  const postmortems = timeline.postmortems.filter(p =>
    within(p.publishedAt, interval),
  );
  const actionItems = timeline.actionItems.filter(a =>
    within(a.completedAt, interval),
  );
  const handoffs = timeline.handoffs.filter(h => within(h.at, interval));
  const heading = `${exactTime(
    new Date(Math.max(interval.from, Date.parse(timeline.from))).toISOString(),
  )} – ${exactTime(
    new Date(Math.min(interval.to, Date.parse(timeline.to))).toISOString(),
  )}`;
  return (
    <Box
      component="section"
      mt={2}
      aria-label="What happened in the picked interval"
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2">{heading}</Typography>
        <Button size="small" onClick={onClear}>
          Clear
        </Button>
      </Box>
      {incidents.length ? (
        <ul className={classes.list} aria-label="Incidents in the interval">
          {incidents.map(incident => (
            <li key={incident.id}>
              <SeverityChip severity={incident.severity} />
              <DrillChip drill={incident.drill} />
              <Link
                to={links.incident(timeline.entityRef, incidentLabel(incident))}
              >
                {incident.title}
              </Link>
              <Typography variant="caption" color="textSecondary">
                {incidentLabel(incident)} · {exactTime(incident.startedAt)} –{' '}
                {incident.resolvedAt
                  ? exactTime(incident.resolvedAt)
                  : 'still open'}
              </Typography>
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No incident overlaps this interval.
        </Typography>
      )}
      {postmortems.map(p => (
        <Typography variant="body2" key={p.id}>
          Postmortem published:{' '}
          <Link to={links.postmortem(timeline.entityRef, p.id)}>{p.title}</Link>
        </Typography>
      ))}
      {actionItems.map(a => (
        <Typography variant="body2" key={a.id}>
          Action item closed: {a.title}
        </Typography>
      ))}
      {handoffs.map(h => (
        <Typography variant="body2" key={`${h.schedule}-${h.at}`}>
          On call ({h.schedule}): {personName(h.from)} → {personName(h.to)} at{' '}
          {exactTime(h.at)}
        </Typography>
      ))}
    </Box>
  );
}
