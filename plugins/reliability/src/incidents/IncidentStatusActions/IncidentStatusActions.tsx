import { useApi } from '@backstage/core-plugin-api';
import {
  INCIDENT_STATUSES,
  Incident,
  IncidentStatus,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { StatusMoves } from '../../shared/StatusMoves';

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
  const { incident, onChanged, reloading } = props;
  const api = useApi(reliabilityApiRef);
  return (
    <StatusMoves
      permission={reliabilityIncidentUpdatePermission}
      resourceRef={incident.entityRef}
      moves={nextStatuses(incident.status).map(status => ({
        to: status,
        label: ACTION_LABELS[status],
        primary: status === 'resolved',
      }))}
      move={status =>
        api.updateIncident(incident.id, { version: incident.version, status })
      }
      onChanged={onChanged}
      reloading={reloading}
    />
  );
}
