import { useApi } from '@backstage/core-plugin-api';
import PeopleIcon from '@material-ui/icons/People';
import {
  Incident,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { WriteDialogButton } from '../../shared/WriteDialogButton';
import { IncidentRoleFields, useIncidentRoles } from '../IncidentRoleFields';

function IncidentRolesDialog(props: {
  incident: Incident;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { incident, onClose, onChanged } = props;
  const api = useApi(reliabilityApiRef);
  const [roles, setRole] = useIncidentRoles(incident);
  const write = useWrite(
    () =>
      api.updateIncident(incident.id, { version: incident.version, ...roles }),
    { onSuccess: onChanged, onConflict: onChanged },
  );
  return (
    <WriteDialog
      title="Who runs this incident"
      formLabel="Change roles"
      write={write}
      submitLabel="Save"
      busyLabel="Saving…"
      onClose={onClose}
    >
      <IncidentRoleFields
        idPrefix="incident-roles"
        value={roles}
        onChange={setRole}
      />
    </WriteDialog>
  );
}

/**
 * "Change roles": hands the incident to another commander, communications
 * lead or scribe, for those allowed to change the incident. Sends the
 * version it was opened on; a stale one is reported and the incident
 * reloaded.
 *
 * @internal
 */
export function IncidentRolesButton(props: {
  incident: Incident;
  onChanged: () => void;
  /** The incident is being reloaded after a change: its version is stale. */
  reloading?: boolean;
}) {
  const { incident, onChanged, reloading } = props;
  return (
    <WriteDialogButton
      permission={reliabilityIncidentUpdatePermission}
      resourceRef={incident.entityRef}
      label="Change roles"
      startIcon={<PeopleIcon />}
      disabled={reloading}
      onDone={onChanged}
      dialog={(close, done) => (
        <IncidentRolesDialog
          incident={incident}
          onClose={close}
          onChanged={done}
        />
      )}
    />
  );
}
