import {
  IncidentDrillKind,
  IncidentStatus,
} from '@reliability-hub/plugin-reliability-common';

/** How the lifecycle statuses read on screen. */
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** How the kinds of drill read on screen. */
export const INCIDENT_DRILL_LABELS: Record<IncidentDrillKind, string> = {
  game_day: 'Game day',
  tabletop: 'Tabletop exercise',
  wheel_of_misfortune: 'Wheel of misfortune',
};
