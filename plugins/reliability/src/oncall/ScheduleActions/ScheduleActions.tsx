import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import EventIcon from '@material-ui/icons/Event';
import {
  reliabilityScheduleUpdatePermission,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { WriteDialogButton } from '../../shared/WriteDialogButton';
import { AddOverrideDialog } from '../AddOverrideDialog';
import { CalendarFeedDialog } from '../CalendarFeedDialog';

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
}) {
  const { schedule, onChanged } = props;
  const permission = {
    permission: reliabilityScheduleUpdatePermission,
    resourceRef: schedule.ownerRef,
  };
  return (
    <Box display="flex" gridGap={8}>
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
    </Box>
  );
}
