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
 * A people picker for each incident role; a cleared role is null ("not
 * assigned").
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
    <>
      {INCIDENT_ROLES.map(({ role, label }) => (
        <PeoplePicker
          key={role}
          id={`${idPrefix}-${role}`}
          label={label}
          placeholder="Not assigned"
          value={value[role]}
          onChange={ref => onChange(role, ref)}
        />
      ))}
    </>
  );
}
