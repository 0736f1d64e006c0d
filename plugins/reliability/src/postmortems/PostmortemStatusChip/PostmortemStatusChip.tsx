import {
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { PostmortemStatus } from '@reliability-hub/plugin-reliability-common';
import { POSTMORTEM_STATUS_LABELS } from '../labels';

/**
 * A postmortem's review status with a status light.
 *
 * @internal
 */
export function PostmortemStatusChip(props: { status: PostmortemStatus }) {
  const label = POSTMORTEM_STATUS_LABELS[props.status] ?? props.status;
  switch (props.status) {
    case 'draft':
      return <StatusWarning>{label}</StatusWarning>;
    case 'in_review':
      return <StatusPending>{label}</StatusPending>;
    default:
      return <StatusOK>{label}</StatusOK>;
  }
}
