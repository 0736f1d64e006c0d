import { useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import ListItemText from '@material-ui/core/ListItemText';
import useAsync from 'react-use/esm/useAsync';
import MenuItem from '@material-ui/core/MenuItem';
import {
  Incident,
  INCIDENT_DRILL_KINDS,
  IncidentDrillKind,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { useFields } from '../../shared/useFields';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { IncidentRoleFields, useIncidentRoles } from '../IncidentRoleFields';
import { INCIDENT_DRILL_LABELS } from '../labels';
import { useSeverityLevels } from '../useSeverityLevels';

/** What each kind of drill is, under its name in the choice. */
const DRILL_DESCRIPTIONS: Record<IncidentDrillKind, string> = {
  game_day: 'A failure injected into a real system, handled live',
  tabletop: 'A scenario talked through, nothing broken',
  wheel_of_misfortune: 'A past incident replayed with a responder',
};

/**
 * The form to declare an incident on an entity: title, severity (the
 * configured levels, with what each means), summary and the people who run
 * it (the commander is the signed-in user unless changed). "This is a
 * drill" declares an exercise of a kind instead, which cannot be changed
 * later.
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
  const { values, set, field } = useFields('declare-incident', {
    title: '',
    severity: '',
    summary: '',
    drill: '',
    runbookId: '',
  });
  // The component's runbooks, for the one a drill exercises; none listed
  // when they cannot be read (the drill is declared without one).
  const runbooks = useAsync(
    async () =>
      values.drill ? (await api.getEntityRunbooks(entityRef)).runbooks : [],
    [api, entityRef, Boolean(values.drill)],
  );
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
        drill: (values.drill as IncidentDrillKind) || undefined,
        runbookId: (values.drill && values.runbookId) || undefined,
      }),
    { onSuccess: onDeclared },
  );

  return (
    <WriteDialog
      title={values.drill ? 'Declare a drill' : 'Declare an incident'}
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
      <FormControlLabel
        control={
          <Checkbox
            id="declare-incident-is-drill"
            checked={Boolean(values.drill)}
            onChange={event =>
              set('drill', event.target.checked ? 'game_day' : '')
            }
          />
        }
        label="This is a drill"
      />
      {values.drill && (
        <FormTextField
          {...field('drill')}
          select
          label="Kind of drill"
          required
          helperText="Drills run like incidents but count in no figure; the kind cannot be changed later"
          SelectProps={{
            renderValue: value =>
              INCIDENT_DRILL_LABELS[value as IncidentDrillKind],
          }}
        >
          {INCIDENT_DRILL_KINDS.map(kind => (
            <MenuItem key={kind} value={kind}>
              <ListItemText
                primary={INCIDENT_DRILL_LABELS[kind]}
                secondary={DRILL_DESCRIPTIONS[kind]}
              />
            </MenuItem>
          ))}
        </FormTextField>
      )}
      {values.drill && Boolean(runbooks.value?.length) && (
        <FormTextField
          {...field('runbookId')}
          select
          label="Runbook to exercise"
          helperText="Marked validated in a drill when the drill is resolved"
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
        >
          <MenuItem value="">None</MenuItem>
          {runbooks.value!.map(runbook => (
            <MenuItem key={runbook.id} value={runbook.id}>
              {runbook.title}
            </MenuItem>
          ))}
        </FormTextField>
      )}
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
