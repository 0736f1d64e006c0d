import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  INCIDENT_STATUSES,
  IncidentStatus,
} from '@reliability-hub/plugin-reliability-common';
import { INCIDENT_STATUS_LABELS } from '../labels';
import { useSeverityLevels } from '../useSeverityLevels';

/**
 * What the user filters incidents by: a status ('' for any) and severities
 * (none selected for all).
 *
 * @internal
 */
export interface IncidentFilterValue {
  status: IncidentStatus | 'open' | '';
  severity: string[];
  /** Only incidents with an overdue clock. */
  needsAttention: boolean;
  /** Real incidents only, drills only, or '' for both. */
  drill: 'real' | 'drills' | '';
}

/**
 * Status, severity and kind (incidents or drills) selects and a "needs attention" box above an incident
 * table; the table asks the backend with them rather than filtering the rows
 * it has.
 *
 * @internal
 */
export function IncidentFilters(props: {
  idPrefix: string;
  value: IncidentFilterValue;
  onChange: (value: IncidentFilterValue) => void;
}) {
  const { idPrefix, value, onChange } = props;
  const { levels } = useSeverityLevels();
  return (
    <Box display="flex" flexWrap="wrap" gridGap={16} mb={1}>
      <TextField
        select
        id={`${idPrefix}-status`}
        label="Status"
        variant="outlined"
        size="small"
        style={{ minWidth: 180 }}
        value={value.status}
        onChange={e =>
          onChange({
            ...value,
            status: e.target.value as IncidentFilterValue['status'],
          })
        }
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
      >
        <MenuItem value="">Any status</MenuItem>
        <MenuItem value="open">Open (not resolved)</MenuItem>
        {INCIDENT_STATUSES.map(status => (
          <MenuItem key={status} value={status}>
            {INCIDENT_STATUS_LABELS[status]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id={`${idPrefix}-severity`}
        label="Severity"
        variant="outlined"
        size="small"
        style={{ minWidth: 180 }}
        value={value.severity}
        onChange={e =>
          onChange({
            ...value,
            severity: e.target.value as unknown as string[],
          })
        }
        SelectProps={{
          multiple: true,
          displayEmpty: true,
          renderValue: selected =>
            (selected as string[]).length
              ? (selected as string[]).join(', ')
              : 'Any severity',
        }}
        InputLabelProps={{ shrink: true }}
      >
        {levels.map(level => (
          <MenuItem key={level.id} value={level.id}>
            {level.id} · {level.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id={`${idPrefix}-drill`}
        label="Kind"
        variant="outlined"
        size="small"
        style={{ minWidth: 180 }}
        value={value.drill}
        onChange={e =>
          onChange({
            ...value,
            drill: e.target.value as IncidentFilterValue['drill'],
          })
        }
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
      >
        <MenuItem value="">Incidents and drills</MenuItem>
        <MenuItem value="real">Incidents only</MenuItem>
        <MenuItem value="drills">Drills only</MenuItem>
      </TextField>
      <FormControlLabel
        control={
          <Checkbox
            id={`${idPrefix}-attention`}
            color="primary"
            checked={value.needsAttention}
            onChange={e =>
              onChange({ ...value, needsAttention: e.target.checked })
            }
          />
        }
        label="Needs attention (a target is overdue)"
      />
    </Box>
  );
}
