import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { reliabilityIncidentNotePermission } from '@reliability-hub/plugin-reliability-common';
import { FormEvent } from 'react';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { useFields } from '../../shared/useFields';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';

/**
 * A note for the incident's timeline, for those allowed to add notes (a
 * looser permission than changing the incident); others are told why they
 * cannot.
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
  const { allowed, loading } = usePermission({
    permission: reliabilityIncidentNotePermission,
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

  if (loading) {
    return null;
  }
  if (!allowed) {
    return (
      <Typography variant="body2" color="textSecondary">
        You cannot add notes to this incident: the portal's permission policy
        does not allow you the permission reliability.incident.note. Ask the
        team that owns the component, or your Backstage administrators.
      </Typography>
    );
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
