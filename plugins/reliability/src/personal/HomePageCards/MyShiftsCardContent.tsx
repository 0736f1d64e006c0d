import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { TimeRange } from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { MyFeedButton, MyShifts } from '../../oncall/MyShifts';
import { useSignedInUser } from '../../shared/people/useSignedInUser';

/** How far ahead the card looks. */
const DAYS_AHEAD = 14;

/**
 * The home page card "My on-call shifts": the signed-in user's shifts over
 * the next two weeks across every schedule they may see (one request).
 *
 * @internal
 */
export function MyShiftsCardContent() {
  const api = useApi(reliabilityApiRef);
  const me = useSignedInUser();
  const schedules = useAsync(() => api.listSchedules(), [api]);
  const range: TimeRange = useMemo(() => {
    const start = DateTime.now().startOf('hour');
    return {
      start: start.toUTC().toISO()!,
      end: start.plus({ days: DAYS_AHEAD }).toUTC().toISO()!,
    };
  }, []);

  if (schedules.loading || me.loading) {
    return <Progress />;
  }
  if (schedules.error) {
    return (
      <ResponseErrorPanel
        error={schedules.error}
        title="Could not load the schedules"
      />
    );
  }
  if (!me.userRef) {
    return (
      <Typography variant="body2" color="textSecondary">
        Sign in as a catalog user to see your shifts.
      </Typography>
    );
  }
  return (
    <>
      <MyShifts
        userRef={me.userRef}
        schedules={schedules.value ?? []}
        range={range}
        rangeText={`in the next ${DAYS_AHEAD} days`}
      />
      <Box mt={1}>
        <MyFeedButton />
      </Box>
    </>
  );
}
