import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import EventIcon from '@material-ui/icons/Event';
import {
  reliabilityScheduleUpdatePermission,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { WriteDialogButton } from '../../shared/WriteDialogButton';
import { AddOverrideDialog } from '../AddOverrideDialog';
import { CalendarFeedDialog } from '../CalendarFeedDialog';
import { EditScheduleButton } from '../ScheduleEditor';

/**
 * The schedule's calendar feed, for everyone who can see the schedule; only
 * members of its owner group may give it a new address.
 */
function FeedButton(props: { schedule: ScheduleRecord }) {
  const { schedule } = props;
  const api = useApi(reliabilityApiRef);
  const [open, setOpen] = useState(false);
  const { allowed: canRotate } = usePermission({
    permission: reliabilityScheduleUpdatePermission,
    resourceRef: schedule.ownerRef,
  });
  return (
    <>
      <Button
        size="small"
        startIcon={<EventIcon />}
        aria-label={`Calendar feed of ${schedule.name}`}
        onClick={() => setOpen(true)}
      >
        iCal
      </Button>
      {open && (
        <CalendarFeedDialog
          title={`Calendar feed of ${schedule.name}`}
          intro={`Subscribe to this address in a calendar app to see every shift of ${schedule.name}.`}
          load={() => api.getScheduleFeed(schedule.id)}
          rotate={
            canRotate
              ? () => api.createScheduleFeedToken(schedule.id)
              : undefined
          }
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

const useStyles = makeStyles(theme => ({
  // Buttons wrap to the next line as a whole, never letter by letter, when
  // the table leaves the column narrow.
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    '& button': { whiteSpace: 'nowrap' },
  },
}));

/** Asks before deleting: a team's rotation goes for everyone at once. */
function DeleteScheduleDialog(props: {
  schedule: ScheduleRecord;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { schedule, onClose, onDeleted } = props;
  const api = useApi(reliabilityApiRef);
  const write = useWrite(
    () => api.deleteSchedule(schedule.id, schedule.version),
    { onSuccess: onDeleted },
  );
  return (
    <WriteDialog
      title={`Delete ${schedule.name}?`}
      formLabel="Delete schedule"
      write={write}
      submitLabel="Delete schedule"
      busyLabel="Deleting…"
      onClose={onClose}
    >
      <Typography variant="body2" gutterBottom>
        Its layers, its {schedule.schedule.overrides.length} override(s) and its
        calendar feed go with it: subscribed calendars stop updating, and
        escalation policies and components that name {schedule.name} no longer
        find anyone on call there.
      </Typography>
      <Typography variant="body2">
        Export its YAML first to keep a copy. The change history keeps what it
        was.
      </Typography>
    </WriteDialog>
  );
}

/**
 * What members of a schedule's owner group may do from the on-call page:
 * add an override, and rotate the schedule's iCalendar feed; everyone who
 * sees the schedule gets its feed's address. The backend decides again on
 * every write.
 *
 * @internal
 */
export function ScheduleActions(props: {
  schedule: ScheduleRecord;
  onChanged: (schedule: ScheduleRecord) => void;
  /** Called once the schedule has been deleted. */
  onDeleted?: () => void;
}) {
  const { schedule, onChanged, onDeleted } = props;
  const classes = useStyles();
  const permission = {
    permission: reliabilityScheduleUpdatePermission,
    resourceRef: schedule.ownerRef,
  };
  return (
    <Box className={classes.actions}>
      <EditScheduleButton schedule={schedule} onSaved={onChanged} />
      <WriteDialogButton
        {...permission}
        label="Add override"
        adds
        aria-label={`Add override to ${schedule.name}`}
        onDone={onChanged}
        dialog={(close, done) => (
          <AddOverrideDialog
            schedule={schedule}
            onClose={close}
            onAdded={done}
          />
        )}
      />
      <FeedButton schedule={schedule} />
      <WriteDialogButton
        {...permission}
        label="Delete"
        startIcon={<DeleteIcon />}
        aria-label={`Delete ${schedule.name}`}
        onDone={onDeleted}
        dialog={(close, done) => (
          <DeleteScheduleDialog
            schedule={schedule}
            onClose={close}
            onDeleted={() => done()}
          />
        )}
      />
    </Box>
  );
}
