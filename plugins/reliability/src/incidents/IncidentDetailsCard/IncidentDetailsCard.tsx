import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Incident,
  formatDuration,
  secondsBetween,
} from '@reliability-hub/plugin-reliability-common';
import { ReactNode } from 'react';
import { exactTime, relativeTime } from '../../shared/time';
import { AssignMeButton } from '../AssignMeButton';
import { IncidentRole } from '../IncidentRoleFields';
import { IncidentRolesButton } from '../IncidentRolesButton';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.75),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  definition: { margin: 0 },
  heading: { display: 'block', marginTop: theme.spacing(2) },
}));

function Role(props: { entityRef: string | null }) {
  return props.entityRef ? (
    <EntityRefLink entityRef={props.entityRef} defaultKind="user" />
  ) : (
    <Typography variant="body2" color="textSecondary" component="span">
      not assigned
    </Typography>
  );
}

function Time(props: { at: string | null; since: string }) {
  if (!props.at) {
    return <>–</>;
  }
  const seconds = secondsBetween(props.since, props.at);
  return (
    <Tooltip title={relativeTime(props.at)}>
      <span>
        {exactTime(props.at)}
        {seconds !== null && seconds > 0 && ` (+${formatDuration(seconds)})`}
      </span>
    </Tooltip>
  );
}

function Rows(props: { rows: Array<[string, ReactNode]> }) {
  const classes = useStyles();
  return (
    <dl className={classes.list}>
      {props.rows.map(([term, value]) => (
        <Typography
          key={term}
          component="div"
          variant="body2"
          style={{ display: 'contents' }}
        >
          <dt className={classes.term}>{term}</dt>
          <dd className={classes.definition}>{value}</dd>
        </Typography>
      ))}
    </dl>
  );
}

/**
 * Who runs the incident (commander, communications, scribe) and when each
 * step of it happened, with the time since the start.
 *
 * @internal
 */
export function IncidentDetailsCard(props: {
  incident: Incident;
  onChanged: () => void;
  /** The incident is being reloaded after a change: its version is stale. */
  reloading?: boolean;
}) {
  const { incident, onChanged, reloading } = props;
  const classes = useStyles();
  const since = incident.startedAt;
  const role = (name: IncidentRole, label: string) => (
    <span>
      <Role entityRef={incident[name]} />{' '}
      <AssignMeButton
        incident={incident}
        role={name}
        label={label}
        onChanged={onChanged}
        reloading={reloading}
      />
    </span>
  );
  return (
    <InfoCard title="Roles and times">
      <Rows
        rows={[
          ['Commander', role('commander', 'Commander')],
          ['Communications', role('communications', 'Communications lead')],
          ['Scribe', role('scribe', 'Scribe')],
        ]}
      />
      <IncidentRolesButton
        incident={incident}
        onChanged={onChanged}
        reloading={reloading}
      />
      <Typography
        variant="overline"
        color="textSecondary"
        className={classes.heading}
      >
        Times
      </Typography>
      <Rows
        rows={[
          ['Started', <Time at={incident.startedAt} since={since} />],
          ['Detected', <Time at={incident.detectedAt} since={since} />],
          [
            'Acknowledged',
            <>
              <Time at={incident.acknowledgedAt} since={since} />
              {incident.acknowledgedBy && (
                <>
                  {' by '}
                  <EntityRefLink
                    entityRef={incident.acknowledgedBy}
                    defaultKind="user"
                  />
                </>
              )}
            </>,
          ],
          ['Mitigated', <Time at={incident.mitigatedAt} since={since} />],
          ['Resolved', <Time at={incident.resolvedAt} since={since} />],
        ]}
      />
    </InfoCard>
  );
}
