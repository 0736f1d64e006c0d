import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATION_ALERT_SELECTOR,
  EntityIncidentSummary,
} from '@reliability-hub/plugin-reliability-common';
import { useReliabilityLinks } from '../../shared/links';
import { SummaryError } from '../../summary/SummaryError';
import { useEntityReliabilitySummary } from '../../summary/useEntityReliabilitySummary';
import { DeclareIncidentButton } from '../DeclareIncidentButton';
import { IncidentStats } from '../IncidentStats';
import { RecentIncidents } from '../RecentIncidents';
import { SeverityChip } from '../SeverityChip';

const useStyles = makeStyles(theme => ({
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  muted: { color: theme.palette.text.secondary },
  alarm: { color: theme.palette.error.main, fontWeight: 600 },
}));

function SummaryBody(props: { summary: EntityIncidentSummary }) {
  const { summary } = props;
  const classes = useStyles();
  const repeats = summary.repeatCount ?? 0;
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
      <IncidentStats summary={summary} />
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
        <Tooltip title="Incidents whose title repeats an earlier one of this component in the last 90 days: the same failure again">
          <Typography
            variant="body2"
            className={repeats > 0 ? classes.alarm : classes.muted}
          >
            · {repeats === 1 ? '1 repeat' : `${repeats} repeats`}
          </Typography>
        </Tooltip>
      </Box>
      <RecentIncidents incidents={summary.recent} />
    </>
  );
}

/**
 * The entity's incidents at a glance: open incidents first, then recent ones,
 * with severities, MTTA, MTTR and repeats, and "Declare incident" for those
 * allowed to.
 *
 * @remarks
 * Everything comes from the entity summary, the one call the entity page
 * makes for all Reliability Hub cards.
 *
 * @public
 */
export function EntityIncidentsCard(props: {
  /** Where "All incidents" leads; the entity's `incidents` tab by default. */
  incidentsLink?: string;
}) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const links = useReliabilityLinks();
  const classes = useStyles();
  const { value, loading, error } = useEntityReliabilitySummary();
  const alertsMapped = Boolean(
    entity.metadata.annotations?.[ANNOTATION_ALERT_SELECTOR],
  );

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <SummaryError error={error} title="Could not load incidents" />;
  } else if (value) {
    body = <SummaryBody summary={value.incidents} />;
  }

  return (
    <InfoCard
      title="Incident history"
      subheader="Open incidents first, then the most recent"
      action={
        <Box mt={1} mr={1}>
          <DeclareIncidentButton entityRef={entityRef} />
        </Box>
      }
      deepLink={{
        title: 'All incidents',
        link: props.incidentsLink ?? links.incidentsTab(entityRef),
      }}
    >
      {body}
      {value && !error && !alertsMapped && (
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
