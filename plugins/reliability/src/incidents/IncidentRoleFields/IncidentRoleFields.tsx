import Grid from '@material-ui/core/Grid';
import { PeoplePicker } from '../../shared/PeoplePicker';

/** The people who run an incident, as the incident record names them. */
export type IncidentRole = 'commander' | 'communications' | 'scribe';

/** Each role with its label, in the order the forms show them. */
const INCIDENT_ROLES: Array<{ role: IncidentRole; label: string }> = [
  { role: 'commander', label: 'Commander' },
  { role: 'communications', label: 'Communications lead' },
  { role: 'scribe', label: 'Scribe' },
];

/**
 * A people picker for each incident role, side by side; a cleared role is
 * null ("not assigned").
 *
 * @internal
 */
export function IncidentRoleFields(props: {
  idPrefix: string;
  value: Record<IncidentRole, string | null>;
  onChange: (role: IncidentRole, ref: string | null) => void;
}) {
  const { idPrefix, value, onChange } = props;
  return (
    <Grid container spacing={2}>
      {INCIDENT_ROLES.map(({ role, label }) => (
        <Grid item xs={12} sm={4} key={role}>
          <PeoplePicker
            id={`${idPrefix}-${role}`}
            label={label}
            value={value[role]}
            onChange={ref => onChange(role, ref)}
          />
        </Grid>
      ))}
    </Grid>
  );
}
