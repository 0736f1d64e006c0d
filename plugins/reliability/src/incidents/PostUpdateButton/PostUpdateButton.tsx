import { useApi } from '@backstage/core-plugin-api';
import AnnouncementIcon from '@material-ui/icons/AnnouncementOutlined';
import {
  Incident,
  isIncidentOpen,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { useFields } from '../../shared/useFields';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { WriteDialogButton } from '../../shared/WriteDialogButton';

function PostUpdateDialog(props: {
  incident: Incident;
  onClose: () => void;
  onPosted: () => void;
}) {
  const { incident, onClose, onPosted } = props;
  const api = useApi(reliabilityApiRef);
  const { values, field } = useFields(`incident-update-${incident.id}`, {
    impact: '',
    progress: '',
    nextSteps: '',
  });
  const write = useWrite(
    () =>
      api.postIncidentUpdate(incident.id, {
        version: incident.version,
        impact: values.impact.trim(),
        progress: values.progress.trim(),
        nextSteps: values.nextSteps.trim() || undefined,
      }),
    { onSuccess: onPosted, onConflict: onPosted },
  );
  return (
    <WriteDialog
      title="Post a status update"
      formLabel="Post update"
      write={write}
      submitLabel="Post update"
      busyLabel="Posting…"
      canSubmit={Boolean(values.impact.trim() && values.progress.trim())}
      onClose={onClose}
    >
      <FormTextField
        {...field('impact')}
        label="Impact"
        required
        helperText="Who is affected and how, as they see it"
      />
      <FormTextField
        {...field('progress')}
        label="Progress"
        required
        multiline
        minRows={2}
        helperText="What has been found or done since the last update"
      />
      <FormTextField
        {...field('nextSteps')}
        label="Next steps"
        multiline
        minRows={2}
      />
    </WriteDialog>
  );
}

/**
 * "Post update": a numbered status update (impact, progress, next steps) on
 * the timeline, which resets the update clock; the next one is due after the
 * severity's update interval. For those allowed to change the incident,
 * while it is open.
 *
 * @internal
 */
export function PostUpdateButton(props: {
  incident: Incident;
  onChanged: () => void;
  reloading?: boolean;
}) {
  const { incident, onChanged, reloading } = props;
  if (!isIncidentOpen(incident.status)) {
    return null;
  }
  return (
    <WriteDialogButton
      permission={reliabilityIncidentUpdatePermission}
      resourceRef={incident.entityRef}
      label="Post update"
      variant="outlined"
      color="primary"
      size="small"
      startIcon={<AnnouncementIcon />}
      disabled={reloading}
      onDone={onChanged}
      dialog={(close, done) => (
        <PostUpdateDialog incident={incident} onClose={close} onPosted={done} />
      )}
    />
  );
}
