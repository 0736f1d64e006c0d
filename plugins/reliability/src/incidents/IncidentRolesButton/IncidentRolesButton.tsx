import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import PeopleIcon from '@material-ui/icons/People';
import {
  Incident,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
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
  const { allowed } = usePermission({
    permission: reliabilityIncidentUpdatePermission,
    resourceRef: incident.entityRef,
  });
  const [open, setOpen] = useState(false);
  if (!allowed) {
    return null;
  }
  return (
    <>
      <Button
        size="small"
        startIcon={<PeopleIcon />}
        disabled={reloading}
        onClick={() => setOpen(true)}
      >
        Change roles
      </Button>
      {open && (
        <IncidentRolesDialog
          incident={incident}
          onClose={() => setOpen(false)}
          onChanged={() => {
            setOpen(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}
