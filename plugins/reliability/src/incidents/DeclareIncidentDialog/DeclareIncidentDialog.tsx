import { useApi } from '@backstage/core-plugin-api';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import { Incident } from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { useFields } from '../../shared/useFields';
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
  const { values, field } = useFields('declare-incident', {
    title: '',
    severity: '',
    summary: '',
  });
  const [roles, setRole] = useIncidentRoles();

  const write = useWrite(
    () =>
      api.createIncident({
        entityRef,
        title: values.title.trim(),
        severity: values.severity,
        summary: values.summary.trim() || undefined,
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
      canSubmit={Boolean(values.title.trim() && values.severity)}
      onClose={onClose}
    >
      <FormTextField
        {...field('title')}
        label="Title"
        required
        helperText="What is broken, as users see it"
      />
      <FormTextField
        {...field('severity')}
        select
        label="Severity"
        required
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
      </FormTextField>
      <FormTextField
        {...field('summary')}
        label="Summary"
        multiline
        minRows={3}
      />
      <IncidentRoleFields
        idPrefix="declare-incident"
        value={roles}
        onChange={setRole}
      />
    </WriteDialog>
  );
}
