import { IncidentStatus } from '@reliability-hub/plugin-reliability-common';

/** How the lifecycle statuses read on screen. */
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};
