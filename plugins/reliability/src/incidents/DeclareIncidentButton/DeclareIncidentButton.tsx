import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import { reliabilityIncidentCreatePermission } from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useReliabilityLinks } from '../../shared/links';
import { DeclareIncidentDialog } from '../DeclareIncidentDialog';

/**
 * "Declare incident", for those allowed to: opens the form, then the new
 * incident's page.
 *
 * @internal
 */
export function DeclareIncidentButton(props: { entityRef: string }) {
  const { entityRef } = props;
  const { allowed } = usePermission({
    permission: reliabilityIncidentCreatePermission,
    resourceRef: entityRef,
  });
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const links = useReliabilityLinks();

  if (!allowed) {
    return null;
  }
  return (
    <>
      <Button
        variant="outlined"
        color="secondary"
        size="small"
        startIcon={<AddIcon />}
        onClick={() => setOpen(true)}
      >
        Declare incident
      </Button>
      {open && (
        <DeclareIncidentDialog
          entityRef={entityRef}
          onClose={() => setOpen(false)}
          onDeclared={incident =>
            navigate(links.incident(incident.entityRef, incident.id))
          }
        />
      )}
    </>
  );
}
