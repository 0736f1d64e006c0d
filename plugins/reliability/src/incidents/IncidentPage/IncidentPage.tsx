import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { IncidentDetail } from '@reliability-hub/plugin-reliability-common';
import { POSTMORTEM_STATUS_LABELS } from '../../postmortems/labels';
import { WritePostmortemButton } from '../../postmortems/WritePostmortemButton';
import { IncidentRunbooks } from '../../runbooks/IncidentRunbooks';
import { DetailPage } from '../../shared/DetailPage';
import { useReliabilityLinks } from '../../shared/links';
import { StatusMoves } from '../../shared/StatusMoves';
import { INCIDENT_STATUS_MOVES } from '../incidentStatusMoves';
import { AcknowledgeButton } from '../AcknowledgeButton';
import { AddNoteForm } from '../AddNoteForm';
import { IncidentCommunication } from '../IncidentCommunication';
import { PostUpdateButton } from '../PostUpdateButton';
import { IncidentClocks } from '../IncidentClocks';
import { IncidentDetailsCard } from '../IncidentDetailsCard';
import { IncidentEscalationCard } from '../IncidentEscalationCard';
import { IncidentStatusChip } from '../IncidentStatusChip';
import { IncidentTimeline } from '../IncidentTimeline';
import { DrillChip, SeverityChip } from '../SeverityChip';

const SOURCE_LABELS: Record<string, string> = {
  portal: 'declared in the portal',
  api: 'opened through the API',
  alertmanager: 'opened by Alertmanager',
};

function Overview(props: {
  incident: IncidentDetail;
  onChanged: () => void;
  reloading: boolean;
}) {
  const { incident, onChanged, reloading } = props;
  const links = useReliabilityLinks();
  const postmortemStatus = (status: string) =>
    POSTMORTEM_STATUS_LABELS[status as keyof typeof POSTMORTEM_STATUS_LABELS] ??
    status;
  return (
    <InfoCard
      title={incident.title}
      subheader={
        <Box display="flex" alignItems="center" gridGap={12} mt={0.5}>
          <SeverityChip severity={incident.severity} />
          <DrillChip drill={incident.drill} />
          <IncidentStatusChip status={incident.status} />
          <Typography variant="body2" color="textSecondary">
            {incident.humanId && (
              <strong style={{ marginRight: 8 }}>{incident.humanId}</strong>
            )}
            {SOURCE_LABELS[incident.source] ?? incident.source}
          </Typography>
        </Box>
      }
      action={
        <Box mt={1} mr={1}>
          <WritePostmortemButton
            entityRef={incident.entityRef}
            incidentId={incident.id}
            existing={incident.postmortems[0]}
          />
        </Box>
      }
    >
      <Typography variant="body1" style={{ whiteSpace: 'pre-wrap' }}>
        {incident.summary || 'No summary yet.'}
      </Typography>
      <Box mt={2}>
        <Typography variant="overline" color="textSecondary">
          Response targets
        </Typography>
        <IncidentClocks incident={incident} />
      </Box>
      <Box mt={2} display="flex" flexDirection="column" gridGap={4}>
        <IncidentRunbooks incident={incident} />
        <Typography variant="body2" component="div">
          Postmortems:{' '}
          {incident.postmortems.length === 0
            ? 'none yet'
            : incident.postmortems.map((p, i) => (
                <span key={p.id}>
                  {i > 0 && ', '}
                  <Link to={links.postmortem(incident.entityRef, p.id)}>
                    {p.title}
                  </Link>{' '}
                  ({postmortemStatus(p.status)})
                </span>
              ))}
        </Typography>
      </Box>
      <Box
        mt={2}
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        gridGap={8}
      >
        <AcknowledgeButton
          incident={incident}
          onChanged={onChanged}
          reloading={reloading}
        />
        <PostUpdateButton
          incident={incident}
          onChanged={onChanged}
          reloading={reloading}
        />
        <StatusMoves
          spec={INCIDENT_STATUS_MOVES}
          record={incident}
          onChanged={onChanged}
          reloading={reloading}
        />
      </Box>
    </InfoCard>
  );
}

/**
 * One incident: what it is, its status with the buttons to move it on, who
 * runs it and when things happened, its timeline with a note form, its
 * runbook and postmortems.
 *
 * @internal
 */
export function IncidentPage(props: { incidentId: string }) {
  const links = useReliabilityLinks();
  return (
    <DetailPage
      id={props.incidentId}
      load={(api, id) => api.getIncident(id)}
      noun="incident"
      missingDescription="It may have been deleted, or the link is wrong. The Incidents tab lists every incident of this component."
      back={links.backToIncidents}
      header={(incident, reload, reloading) => (
        <Overview
          incident={incident}
          onChanged={reload}
          reloading={reloading}
        />
      )}
    >
      {(incident, reload, reloading) => (
        <>
          <Grid item xs={12} md={8}>
            <InfoCard title="Timeline" subheader="Oldest first">
              <IncidentTimeline events={incident.timeline} />
              <Box mt={2}>
                <AddNoteForm
                  incidentId={incident.id}
                  entityRef={incident.entityRef}
                  onAdded={reload}
                />
              </Box>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={4}>
            <IncidentDetailsCard
              incident={incident}
              onChanged={reload}
              reloading={reloading}
            />
            <Box mt={3}>
              <IncidentEscalationCard
                incident={incident}
                onChanged={reload}
                reloading={reloading}
              />
            </Box>
            <Box mt={3}>
              <IncidentCommunication incident={incident} />
            </Box>
          </Grid>
        </>
      )}
    </DetailPage>
  );
}
