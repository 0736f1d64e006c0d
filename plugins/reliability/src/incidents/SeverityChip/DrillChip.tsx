import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { IncidentDrillKind } from '@reliability-hub/plugin-reliability-common';
import { INCIDENT_DRILL_LABELS } from '../labels';

/**
 * "DRILL" beside an exercise's severity, so nobody takes it for an outage;
 * nothing for a real incident.
 *
 * @public
 */
export function DrillChip(props: { drill?: IncidentDrillKind | null }) {
  const { drill } = props;
  if (!drill) {
    return null;
  }
  return (
    <Tooltip
      title={`${
        INCIDENT_DRILL_LABELS[drill] ?? drill
      }: an exercise, left out of MTTA, MTTR and incident counts`}
    >
      <Chip
        size="small"
        variant="outlined"
        color="primary"
        label="DRILL"
        style={{ fontWeight: 700, margin: 0, borderStyle: 'dashed' }}
      />
    </Tooltip>
  );
}
