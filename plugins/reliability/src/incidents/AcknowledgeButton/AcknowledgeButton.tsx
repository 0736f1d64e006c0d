import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ThumbUpIcon from '@material-ui/icons/ThumbUpOutlined';
import {
  Incident,
  isIncidentOpen,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';

/**
 * "Acknowledge": records that the signed-in responder has the incident, and
 * when, stopping its acknowledge and escalation clocks. Offered while the
 * incident is open and unacknowledged, to those allowed to change it; a
 * second responder who was slower is told who was first.
 *
 * @internal
 */
export function AcknowledgeButton(props: {
  incident: Incident;
  onChanged: () => void;
  reloading?: boolean;
}) {
  const { incident, onChanged, reloading } = props;
  const api = useApi(reliabilityApiRef);
  const { allowed } = usePermission({
    permission: reliabilityIncidentUpdatePermission,
    resourceRef: incident.entityRef,
  });
  const { busy, error, run } = useWrite(
    () => api.acknowledgeIncident(incident.id, incident.version),
    { onSuccess: onChanged, onConflict: onChanged },
  );
  if (!allowed || incident.acknowledgedAt || !isIncidentOpen(incident.status)) {
    return null;
  }
  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Button
        variant="contained"
        color="secondary"
        size="small"
        startIcon={<ThumbUpIcon />}
        disabled={busy || reloading}
        onClick={() => run()}
      >
        Acknowledge
      </Button>
      <WriteError error={error} />
    </Box>
  );
}
