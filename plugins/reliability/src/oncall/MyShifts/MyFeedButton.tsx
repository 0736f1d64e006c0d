import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import EventIcon from '@material-ui/icons/Event';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { CalendarFeedDialog } from '../CalendarFeedDialog';

/**
 * The signed-in user's "my shifts" calendar feed: every shift of theirs
 * across all schedules, in one subscription.
 *
 * @internal
 */
export function MyFeedButton() {
  const api = useApi(reliabilityApiRef);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<EventIcon />}
        onClick={() => setOpen(true)}
      >
        My calendar feed
      </Button>
      {open && (
        <CalendarFeedDialog
          title="My shifts calendar feed"
          intro="Subscribe to this address in a calendar app to see all your on-call shifts, across every schedule, in one calendar."
          load={() => api.getMyFeed()}
          rotate={() => api.rotateMyFeed()}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
