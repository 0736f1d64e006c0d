import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import EventIcon from '@material-ui/icons/Event';
import {
  reliabilityScheduleUpdatePermission,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { WriteDialogButton } from '../../shared/WriteDialogButton';
import { AddOverrideDialog } from '../AddOverrideDialog';

function FeedDialog(props: { schedule: ScheduleRecord; onClose: () => void }) {
  const { schedule, onClose } = props;
  const api = useApi(reliabilityApiRef);
  const [url, setUrl] = useState<string>();
  const write = useWrite(() => api.createScheduleFeedToken(schedule.id), {
    onSuccess: feed => setUrl(feed.url),
  });

  return (
    <WriteDialog
      title={`Calendar feed of ${schedule.name}`}
      formLabel="Calendar feed"
      write={write}
      submitLabel={url ? 'Make a new address' : 'Get the address'}
      busyLabel="Making the address…"
      onClose={onClose}
      cancelLabel="Close"
    >
      <Typography variant="body2" gutterBottom>
        Subscribe to this address in a calendar app to see every shift. The
        address holds a secret: making a new one stops the old one working.
      </Typography>
      {url && (
        <FormTextField
          id="schedule-feed-url"
          label="iCalendar address"
          value={url}
          InputProps={{ readOnly: true }}
          onFocus={e => e.target.select()}
        />
      )}
    </WriteDialog>
  );
}

/**
 * What members of a schedule's owner group may do from the on-call page:
 * add an override, and get (or rotate) the schedule's iCalendar feed. Hidden
 * from everyone else; the backend decides again on every write.
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
      <WriteDialogButton
        {...permission}
        label="iCal"
        startIcon={<EventIcon />}
        aria-label={`Calendar feed of ${schedule.name}`}
        dialog={close => <FeedDialog schedule={schedule} onClose={close} />}
      />
    </Box>
  );
}
