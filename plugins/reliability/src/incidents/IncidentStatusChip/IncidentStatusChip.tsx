import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { IncidentStatus } from '@reliability-hub/plugin-reliability-common';
import { INCIDENT_STATUS_LABELS as LABELS } from '../labels';

/**
 * An incident's lifecycle status with the matching status light.
 *
 * @public
 */
export function IncidentStatusChip(props: { status: IncidentStatus }) {
  const label = LABELS[props.status] ?? props.status;
  switch (props.status) {
    case 'investigating':
      return <StatusError>{label}</StatusError>;
    case 'identified':
      return <StatusWarning>{label}</StatusWarning>;
    case 'monitoring':
      return <StatusPending>{label}</StatusPending>;
    default:
      return <StatusOK>{label}</StatusOK>;
  }
}
