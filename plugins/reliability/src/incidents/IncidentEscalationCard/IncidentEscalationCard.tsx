import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import {
  IncidentDetail,
  isIncidentOpen,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { OnCallPerson } from '../../oncall/OnCallPerson';
import { usePeople } from '../../shared/people';
import { exactTime, relativeTime } from '../../shared/time';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(3) },
  item: { marginBottom: theme.spacing(1.5) },
  pending: { opacity: 0.7 },
  meta: { color: theme.palette.text.secondary },
  gap: { color: theme.palette.warning.dark, fontWeight: 600 },
}));

/**
 * Who the incident pages at each level of its component's on-call
 * schedules, which levels it has reached, when the next one is paged if
 * nobody acknowledges, and Escalate for those allowed to change it.
 *
 * @internal
 */
export function IncidentEscalationCard(props: {
  incident: IncidentDetail;
  onChanged: () => void;
  reloading?: boolean;
}) {
  const { incident, onChanged, reloading } = props;
  const classes = useStyles();
  const api = useApi(reliabilityApiRef);
  const escalation = incident.escalation;
  const { people } = usePeople(
    escalation?.levels.flatMap(l => l.people.map(p => p.userRef)) ?? [],
  );
  const { allowed } = usePermission({
    permission: reliabilityIncidentUpdatePermission,
    resourceRef: incident.entityRef,
  });
  const { busy, error, run } = useWrite(
    () => api.escalateIncident(incident.id, incident.version),
    { onSuccess: onChanged, onConflict: onChanged },
  );
  if (!escalation) {
    return null;
  }
  if (escalation.levels.length === 0) {
    return (
      <InfoCard title="Escalation">
        <Typography variant="body2" color="textSecondary">
          No on-call schedule covers this component, so nobody is paged. Give
          its owner group a schedule on the On-call page, or name one in the
          reliability-hub.io/oncall-schedule annotation.
        </Typography>
      </InfoCard>
    );
  }
  const next = escalation.levels[escalation.level];
  const canEscalate = allowed && isIncidentOpen(incident.status) && !!next;
  return (
    <InfoCard
      title="Escalation"
      subheader={`Level ${escalation.level} of ${escalation.levels.length} engaged`}
    >
      <ol className={classes.list} aria-label="Escalation of this incident">
        {escalation.levels.map(level => (
          <li
            key={level.level}
            className={`${classes.item} ${
              level.engaged ? '' : classes.pending
            }`}
          >
            <Box display="flex" alignItems="center" gridGap={8}>
              <Typography variant="body2" className={classes.meta}>
                Level {level.level}
              </Typography>
              {level.engaged && (
                <Chip
                  size="small"
                  color={
                    level.level === escalation.level ? 'secondary' : 'default'
                  }
                  label={
                    level.level === escalation.level ? 'Paged now' : 'Paged'
                  }
                />
              )}
            </Box>
            {level.people.length === 0 ? (
              <Typography variant="body2" className={classes.gap}>
                Nobody: this level has a gap now
              </Typography>
            ) : (
              level.people.map(person => (
                <Box mt={0.5} key={person.userRef}>
                  <OnCallPerson
                    userRef={person.userRef}
                    profile={people.get(person.userRef)}
                    compact
                  />
                  {person.schedule && (
                    <Typography variant="caption" className={classes.meta}>
                      on call for {person.schedule}
                    </Typography>
                  )}
                </Box>
              ))
            )}
          </li>
        ))}
      </ol>
      {escalation.nextEscalationAt && (
        <Typography variant="body2">
          Level {escalation.level + 1} is paged{' '}
          <span title={relativeTime(escalation.nextEscalationAt)}>
            at {exactTime(escalation.nextEscalationAt)}
          </span>{' '}
          unless someone acknowledges.
        </Typography>
      )}
      {canEscalate && (
        <Box mt={1.5} display="flex" alignItems="center" gridGap={8}>
          <Button
            variant="outlined"
            size="small"
            startIcon={<TrendingUpIcon />}
            disabled={busy || reloading}
            onClick={() => run()}
          >
            Escalate to level {escalation.level + 1}
          </Button>
          <WriteError error={error} />
        </Box>
      )}
    </InfoCard>
  );
}
