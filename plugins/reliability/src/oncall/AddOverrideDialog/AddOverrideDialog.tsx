import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { ScheduleRecord } from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { usePersonValue } from '../../shared/people';
import { useFields } from '../../shared/useFields';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';

const INPUT_FORMAT = "yyyy-MM-dd'T'HH:mm";

/**
 * A `datetime-local` value, read as wall-clock time in the schedule's zone,
 * as an ISO instant with that zone's offset: what the override means to the
 * team, wherever the person filling the form sits.
 */
function toInstant(local: string, zone: string): string | undefined {
  const at = DateTime.fromISO(local, { zone });
  return at.isValid ? at.toISO() ?? undefined : undefined;
}

/** The next full hour in the zone, plus `hours`, as a `datetime-local` value. */
function hoursFromNow(hours: number, zone: string): string {
  return DateTime.now()
    .setZone(zone)
    .startOf('hour')
    .plus({ hours })
    .toFormat(INPUT_FORMAT);
}

/**
 * The form to add an override to a schedule: who covers (the signed-in user
 * unless changed), from when to when (in the schedule's time zone), and why.
 * Sends the schedule version the user saw, so a concurrent change is
 * reported instead of lost.
 *
 * @internal
 */
export function AddOverrideDialog(props: {
  schedule: ScheduleRecord;
  onClose: () => void;
  onAdded: (schedule: ScheduleRecord) => void;
}) {
  const { schedule, onClose, onAdded } = props;
  const zone = schedule.schedule.timeZone;
  const api = useApi(reliabilityApiRef);
  const [user, setUser] = usePersonValue({ defaultToMe: true });
  const { values, field } = useFields('add-override', {
    start: hoursFromNow(1, zone),
    end: hoursFromNow(9, zone),
    reason: '',
  });

  const startAt = toInstant(values.start, zone);
  const endAt = toInstant(values.end, zone);
  const rangeOk = Boolean(startAt && endAt && startAt < endAt);

  const write = useWrite(
    () =>
      api.addScheduleOverride(schedule.id, {
        version: schedule.version,
        user: user!,
        start: startAt!,
        end: endAt!,
        reason: values.reason.trim() || undefined,
      }),
    { onSuccess: onAdded },
  );

  return (
    <WriteDialog
      title={`Add an override to ${schedule.name}`}
      formLabel="Add override"
      write={write}
      submitLabel="Add override"
      busyLabel="Adding…"
      canSubmit={Boolean(user) && rangeOk}
      onClose={onClose}
    >
      <Typography variant="body2" color="textSecondary">
        The person covers the whole range, whatever the layers say. Times are in
        the schedule's zone, {zone}.
      </Typography>
      <PeoplePicker
        id="add-override-user"
        label="Who covers"
        value={user}
        onChange={setUser}
        required
      />
      <FormTextField
        {...field('start')}
        label={`Start (${zone})`}
        type="datetime-local"
        required
      />
      <FormTextField
        {...field('end')}
        label={`End (${zone})`}
        type="datetime-local"
        required
        error={Boolean(startAt && endAt) && !rangeOk}
        helperText={
          startAt && endAt && !rangeOk ? 'Must be after the start' : ' '
        }
      />
      <FormTextField
        {...field('reason')}
        label="Reason"
        helperText="e.g. swap with Jonas, holiday"
      />
    </WriteDialog>
  );
}
