import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import {
  Incident,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { useSignedInUser } from '../../shared/people';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';
import { IncidentRole } from '../IncidentRoleFields';

/**
 * "Assign me": takes one role of the incident in one click, for those
 * allowed to change it; not offered to whoever holds the role already.
 *
 * @internal
 */
export function AssignMeButton(props: {
  incident: Incident;
  role: IncidentRole;
  label: string;
  onChanged: () => void;
  reloading?: boolean;
}) {
  const { incident, role, label, onChanged, reloading } = props;
  const api = useApi(reliabilityApiRef);
  const { userRef } = useSignedInUser();
  const { allowed } = usePermission({
    permission: reliabilityIncidentUpdatePermission,
    resourceRef: incident.entityRef,
  });
  const { busy, error, run } = useWrite(
    () =>
      api.updateIncident(incident.id, {
        version: incident.version,
        [role]: userRef,
      }),
    { onSuccess: onChanged, onConflict: onChanged },
  );
  if (!allowed || !userRef || incident[role] === userRef) {
    return null;
  }
  return (
    <>
      <Button
        size="small"
        color="primary"
        disabled={busy || reloading}
        onClick={() => run()}
        aria-label={`Assign me as ${label.toLocaleLowerCase('en-US')}`}
        style={{ padding: '0 6px', minWidth: 0 }}
      >
        Assign me
      </Button>
      <WriteError error={error} />
    </>
  );
}
