import {
  incidentLabel,
  Incident,
  reliabilityIncidentCreatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { useNavigate } from 'react-router-dom';
import { useReliabilityLinks } from '../../shared/links';
import { WriteDialogButton } from '../../shared/WriteDialogButton';
import { DeclareIncidentDialog } from '../DeclareIncidentDialog';

/**
 * "Declare incident", for those allowed to: opens the form, then the new
 * incident's page.
 *
 * @internal
 */
export function DeclareIncidentButton(props: { entityRef: string }) {
  const { entityRef } = props;
  const navigate = useNavigate();
  const links = useReliabilityLinks();
  return (
    <WriteDialogButton
      permission={reliabilityIncidentCreatePermission}
      resourceRef={entityRef}
      label="Declare incident"
      adds
      color="secondary"
      onDone={(incident: Incident) =>
        navigate(links.incident(incident.entityRef, incidentLabel(incident)))
      }
      dialog={(close, done) => (
        <DeclareIncidentDialog
          entityRef={entityRef}
          onClose={close}
          onDeclared={done}
        />
      )}
    />
  );
}
