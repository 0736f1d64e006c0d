import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { reliabilityIncidentUpdatePermission } from '@reliability-hub/plugin-reliability-common';
import { FormEvent } from 'react';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { useFields } from '../../shared/useFields';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';

/**
 * A note for the incident's timeline, for those allowed to change the
 * incident.
 *
 * @internal
 */
export function AddNoteForm(props: {
  incidentId: string;
  entityRef: string;
  onAdded: () => void;
}) {
  const { incidentId, entityRef, onAdded } = props;
  const api = useApi(reliabilityApiRef);
  const { allowed } = usePermission({
    permission: reliabilityIncidentUpdatePermission,
    resourceRef: entityRef,
  });
  const { values, field, set } = useFields(`incident-note-${incidentId}`, {
    message: '',
  });
  const { busy, error, run } = useWrite(
    () => api.addIncidentNote(incidentId, values.message.trim()),
    {
      onSuccess: () => {
        set('message', '');
        onAdded();
      },
    },
  );

  if (!allowed) {
    return null;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run();
  };

  return (
    <form onSubmit={submit}>
      <FormTextField
        {...field('message')}
        label="Add a note"
        multiline
        minRows={2}
        variant="outlined"
        margin="none"
      />
      <Box display="flex" alignItems="center" gridGap={8} mt={1}>
        <Button
          type="submit"
          variant="outlined"
          color="primary"
          size="small"
          disabled={busy || !values.message.trim()}
        >
          Add note
        </Button>
        <WriteError error={error} />
      </Box>
    </form>
  );
}
