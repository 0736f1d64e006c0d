import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import EditIcon from '@material-ui/icons/Edit';
import PublishIcon from '@material-ui/icons/Publish';
import {
  reliabilityScheduleUpdatePermission,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { WriteDialogButton } from '../../shared/WriteDialogButton';
import { ImportScheduleDialog } from './ImportScheduleDialog';
import { ScheduleEditorDialog } from './ScheduleEditorDialog';

/**
 * "Edit" for members of the schedule's owner group: opens the editor.
 *
 * @internal
 */
export function EditScheduleButton(props: {
  schedule: ScheduleRecord;
  onSaved: (record: ScheduleRecord) => void;
}) {
  const { schedule, onSaved } = props;
  return (
    <WriteDialogButton<ScheduleRecord>
      permission={reliabilityScheduleUpdatePermission}
      resourceRef={schedule.ownerRef}
      label="Edit"
      startIcon={<EditIcon />}
      aria-label={`Edit ${schedule.name}`}
      onDone={onSaved}
      dialog={(close, done) => (
        <ScheduleEditorDialog
          record={schedule}
          onClose={close}
          onSaved={done}
        />
      )}
    />
  );
}

/**
 * "New schedule" and "Import YAML". Whoever is signed in sees them: which
 * groups they may create schedules for is decided per owner group, in the
 * editor and again by the backend.
 *
 * @internal
 */
export function NewScheduleButtons(props: {
  onSaved: (record: ScheduleRecord) => void;
}) {
  const { onSaved } = props;
  const [open, setOpen] = useState<'new' | 'import'>();
  const close = () => setOpen(undefined);
  const done = (record: ScheduleRecord) => {
    close();
    onSaved(record);
  };
  return (
    <Box display="flex" gridGap={8} justifyContent="flex-end">
      <Button
        size="small"
        variant="outlined"
        color="primary"
        startIcon={<AddIcon />}
        onClick={() => setOpen('new')}
      >
        New schedule
      </Button>
      <Button
        size="small"
        startIcon={<PublishIcon />}
        onClick={() => setOpen('import')}
      >
        Import YAML
      </Button>
      {open === 'new' && (
        <ScheduleEditorDialog onClose={close} onSaved={done} />
      )}
      {open === 'import' && (
        <ImportScheduleDialog onClose={close} onImported={done} />
      )}
    </Box>
  );
}
