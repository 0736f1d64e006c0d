import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  INCIDENT_STATUSES,
  Incident,
  IncidentStatus,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { useWrite } from '../../shared/useWrite';

const ACTION_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Reopen',
  identified: 'Mark identified',
  monitoring: 'Mark monitoring',
  resolved: 'Resolve',
};

/** The statuses an incident can move to: any later step, or back to the start once resolved. */
function nextStatuses(status: IncidentStatus): IncidentStatus[] {
  if (status === 'resolved') {
    return ['investigating'];
  }
  return INCIDENT_STATUSES.slice(INCIDENT_STATUSES.indexOf(status) + 1);
}

/**
 * Buttons that move an incident through its lifecycle, for those allowed to
 * change it. Each change carries the version it was made on; a stale one is
 * reported and the incident reloaded.
 *
 * @internal
 */
export function IncidentStatusActions(props: {
  incident: Incident;
  onChanged: () => void;
  /** The incident is being reloaded after a change: its version is stale. */
  reloading?: boolean;
}) {
  const { incident, onChanged, reloading = false } = props;
  const api = useApi(reliabilityApiRef);
  const { allowed } = usePermission({
    permission: reliabilityIncidentUpdatePermission,
    resourceRef: incident.entityRef,
  });
  const { busy, error, run } = useWrite({ onConflict: onChanged });

  if (!allowed) {
    return null;
  }

  const move = async (status: IncidentStatus) => {
    const changed = await run(() =>
      api.updateIncident(incident.id, {
        version: incident.version,
        status,
      }),
    );
    if (changed) {
      onChanged();
    }
  };

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      {nextStatuses(incident.status).map(status => (
        <Button
          key={status}
          variant={status === 'resolved' ? 'contained' : 'outlined'}
          color="primary"
          size="small"
          disabled={busy || reloading}
          onClick={() => move(status)}
        >
          {ACTION_LABELS[status]}
        </Button>
      ))}
      {error && (
        <Typography color="error" role="alert" variant="body2">
          {error}
        </Typography>
      )}
    </Box>
  );
}
