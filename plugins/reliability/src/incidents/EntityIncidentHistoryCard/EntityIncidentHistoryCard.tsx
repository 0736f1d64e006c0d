import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATION_ALERT_SELECTOR,
  EntityIncidentSummary,
  formatDuration,
} from '@reliability-hub/plugin-reliability-common';
import { useEntityReliabilitySummary } from '../../summary/useEntityReliabilitySummary';
import { durationText, startedText } from '../incidentTimes';
import { IncidentStatusChip } from '../IncidentStatusChip';
import { SeverityChip } from '../SeverityChip';

const useStyles = makeStyles(theme => ({
  stat: {
    padding: theme.spacing(1, 1.5),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
    height: '100%',
  },
  statValue: {
    fontSize: '1.4rem',
    fontWeight: 600,
    lineHeight: 1.3,
    whiteSpace: 'nowrap',
  },
  alarm: { color: theme.palette.error.main },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  incident: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  incidentMain: { flex: 1, minWidth: 0 },
  incidentTitle: { fontWeight: 500 },
  muted: { color: theme.palette.text.secondary },
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
        <Typography variant="caption" className={classes.muted}>
          {props.label}
        </Typography>
        <Typography
          className={`${classes.statValue} ${props.alarm ? classes.alarm : ''}`}
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

function SummaryBody(props: { summary: EntityIncidentSummary }) {
  const { summary } = props;
  const classes = useStyles();
  if (summary.recent.length === 0) {
    return (
      <Typography className={classes.muted}>
        No incidents recorded for this component. Incidents declared in the
        portal or opened by Alertmanager will appear here.
      </Typography>
    );
  }
  return (
    <>
      <Grid container spacing={1}>
        <Grid item xs={6} sm={3}>
          <Stat
            label="Open now"
            value={String(summary.openCount)}
            alarm={summary.openCount > 0}
            help="Incidents not yet resolved"
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <Stat
            label="Last 30 days"
            value={String(total(summary.last30Days))}
            help="Incidents started in the last 30 days"
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <Stat
            label="MTTA (90 d)"
            value={meanText(summary.mttaSeconds)}
            help="Mean time from start to acknowledgement, last 90 days"
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <Stat
            label="MTTR (90 d)"
            value={meanText(summary.mttrSeconds)}
            help="Mean time from start to resolution, last 90 days"
          />
        </Grid>
      </Grid>
      <Box mt={2} mb={1} display="flex" alignItems="center" gridGap={8}>
        <Typography variant="body2" className={classes.muted}>
          Last 90 days:
        </Typography>
        {summary.last90Days.length ? (
          <span className={classes.chips}>
            {summary.last90Days.map(c => (
              <SeverityChip
                key={c.severity}
                severity={c.severity}
                count={c.count}
              />
            ))}
          </span>
        ) : (
          <Typography variant="body2">none</Typography>
        )}
      </Box>
      <Typography variant="overline" className={classes.muted}>
        Recent incidents
      </Typography>
      {summary.recent.map(incident => {
        const started = startedText(incident);
        return (
          <div key={incident.id} className={classes.incident}>
            <SeverityChip severity={incident.severity} />
            <div className={classes.incidentMain}>
              <Typography variant="body2" className={classes.incidentTitle}>
                {incident.title}
              </Typography>
              <Typography variant="caption" className={classes.muted}>
                <Tooltip title={started.exact}>
                  <span>{started.relative}</span>
                </Tooltip>
                {' · '}
                {durationText(incident)}
              </Typography>
            </div>
            <IncidentStatusChip status={incident.status} />
          </div>
        );
      })}
    </>
  );
}

/**
 * The entity's incidents at a glance: open now, counts by severity, MTTA and
 * MTTR, and the most recent incidents.
 *
 * @remarks
 * Everything comes from the entity summary, the one call the entity page makes.
 *
 * @public
 */
export function EntityIncidentHistoryCard(props: {
  /** Where "All incidents" leads; the entity's `incidents` tab by default. */
  incidentsLink?: string;
}) {
  const { entity } = useEntity();
  const entityLink = useRouteRef(entityRouteRef);
  const incidentsLink =
    props.incidentsLink ?? `${entityLink(entityRouteParams(entity))}/incidents`;
  const classes = useStyles();
  const { value, loading, error } = useEntityReliabilitySummary();
  const alertsMapped = Boolean(
    entity.metadata.annotations?.[ANNOTATION_ALERT_SELECTOR],
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ResponseErrorPanel error={error} title="Could not load incidents" />
    );
  } else if (value) {
    body = <SummaryBody summary={value.incidents} />;
  }

  return (
    <InfoCard
      title="Incident history"
      subheader="Incidents of this component, newest first"
      deepLink={{ title: 'All incidents', link: incidentsLink }}
    >
      {body}
      {!loading && !error && !alertsMapped && (
        <Box mt={2}>
          <Typography variant="caption" className={classes.muted}>
            Alerts do not open incidents here yet: add the{' '}
            <code>{ANNOTATION_ALERT_SELECTOR}</code> annotation (
            <Link to="https://prometheus.io/docs/alerting/latest/configuration/#matcher">
              a label matcher
            </Link>
            ) to map Alertmanager alerts to this component.
          </Typography>
        </Box>
      )}
    </InfoCard>
  );
}
