import {
  INCIDENT_STATUSES,
  Incident,
  IncidentStatus,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { StatusMovesSpec } from '../shared/StatusMoves';

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
 * An incident's lifecycle, for those allowed to change it; each move carries
 * the version it was made on.
 *
 * @internal
 */
export const INCIDENT_STATUS_MOVES: StatusMovesSpec<Incident, IncidentStatus> =
  {
    permission: reliabilityIncidentUpdatePermission,
    moves: incident =>
      nextStatuses(incident.status).map(status => ({
        to: status,
        label: ACTION_LABELS[status],
        primary: status === 'resolved',
      })),
    move: (api, incident, status) =>
      api.updateIncident(incident.id, { version: incident.version, status }),
  };
