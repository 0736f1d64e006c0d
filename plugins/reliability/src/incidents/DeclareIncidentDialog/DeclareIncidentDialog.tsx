import { useApi } from '@backstage/core-plugin-api';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { Incident } from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { IncidentRoleFields, useIncidentRoles } from '../IncidentRoleFields';
import { useSeverityLevels } from '../useSeverityLevels';

/**
 * The form to declare an incident on an entity: title, severity (the
 * configured levels, with what each means), summary and the people who run
 * it (the commander is the signed-in user unless changed).
 *
 * @internal
 */
export function DeclareIncidentDialog(props: {
  entityRef: string;
  onClose: () => void;
  onDeclared: (incident: Incident) => void;
}) {
  const { entityRef, onClose, onDeclared } = props;
  const api = useApi(reliabilityApiRef);
  const { levels } = useSeverityLevels();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState('');
  const [summary, setSummary] = useState('');
  const [roles, setRole] = useIncidentRoles();

  const write = useWrite(
    () =>
      api.createIncident({
        entityRef,
        title: title.trim(),
        severity,
        summary: summary.trim() || undefined,
        commander: roles.commander ?? undefined,
        communications: roles.communications ?? undefined,
        scribe: roles.scribe ?? undefined,
      }),
    { onSuccess: onDeclared },
  );

  return (
    <WriteDialog
      title="Declare an incident"
      formLabel="Declare incident"
      write={write}
      submitLabel="Declare"
      busyLabel="Declaring…"
      canSubmit={Boolean(title.trim() && severity)}
      onClose={onClose}
    >
      <TextField
        id="declare-incident-title"
        label="Title"
        value={title}
        onChange={e => setTitle(e.target.value)}
        required
        fullWidth
        margin="dense"
        helperText="What is broken, as users see it"
      />
      <TextField
        select
        id="declare-incident-severity"
        label="Severity"
        value={severity}
        onChange={e => setSeverity(e.target.value)}
        required
        fullWidth
        margin="dense"
        SelectProps={{ renderValue: value => String(value) }}
      >
        {levels.map(level => (
          <MenuItem key={level.id} value={level.id}>
            <ListItemText
              primary={`${level.id} · ${level.name}`}
              secondary={level.description}
            />
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="declare-incident-summary"
        label="Summary"
        value={summary}
        onChange={e => setSummary(e.target.value)}
        multiline
        minRows={3}
        fullWidth
        margin="dense"
      />
      <IncidentRoleFields
        idPrefix="declare-incident"
        value={roles}
        onChange={setRole}
      />
    </WriteDialog>
  );
}
