import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ScheduleRecord } from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { FormEvent, useEffect, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { looksLikeEntityRef } from '../../shared/time';
import { writeErrorMessage } from '../../shared/writeErrors';

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

/**
 * The form to add an override to a schedule: who covers, from when to when
 * (in the schedule's time zone), and why. Sends the schedule version the
 * user saw, so a concurrent change is reported instead of lost.
 *
 * @internal
 */
export function AddOverrideDialog(props: {
  open: boolean;
  schedule: ScheduleRecord;
  onClose: () => void;
  onAdded: (schedule: ScheduleRecord) => void;
}) {
  const { open, schedule, onClose, onAdded } = props;
  const zone = schedule.schedule.timeZone;
  const api = useApi(reliabilityApiRef);
  const identityApi = useApi(identityApiRef);
  const [user, setUser] = useState('');
  const [start, setStart] = useState(() =>
    DateTime.now()
      .setZone(zone)
      .startOf('hour')
      .plus({ hours: 1 })
      .toFormat(INPUT_FORMAT),
  );
  const [end, setEnd] = useState(() =>
    DateTime.now()
      .setZone(zone)
      .startOf('hour')
      .plus({ hours: 9 })
      .toFormat(INPUT_FORMAT),
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!open) {
      return;
    }
    let cancelled = false;
    identityApi.getBackstageIdentity().then(
      identity => {
        if (!cancelled) {
          setUser(current => current || identity.userEntityRef);
        }
      },
      () => {},
    );
    // eslint-disable-next-line consistent-return
    return () => {
      cancelled = true;
    };
  }, [open, identityApi]);

  const startAt = toInstant(start, zone);
  const endAt = toInstant(end, zone);
  const userOk = looksLikeEntityRef(user.trim());
  const rangeOk = Boolean(startAt && endAt && startAt < endAt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!startAt || !endAt) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api.addScheduleOverride(schedule.id, {
        version: schedule.version,
        user: user.trim(),
        start: startAt,
        end: endAt,
        reason: reason.trim() || undefined,
      });
      onAdded(updated);
    } catch (e) {
      setError(writeErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit} aria-label="Add override">
        <DialogTitle>Add an override to {schedule.name}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="textSecondary">
            The person covers the whole range, whatever the layers say. Times
            are in the schedule's zone, {zone}.
          </Typography>
          <TextField
            id="add-override-user"
            label="Who covers"
            value={user}
            onChange={e => setUser(e.target.value)}
            required
            fullWidth
            margin="dense"
            error={Boolean(user) && !userOk}
            helperText="User ref, e.g. user:default/jane.doe"
          />
          <TextField
            id="add-override-start"
            label={`Start (${zone})`}
            type="datetime-local"
            value={start}
            onChange={e => setStart(e.target.value)}
            required
            fullWidth
            margin="dense"
            InputLabelProps={{ shrink: true }}
          />
          <TextField
            id="add-override-end"
            label={`End (${zone})`}
            type="datetime-local"
            value={end}
            onChange={e => setEnd(e.target.value)}
            required
            fullWidth
            margin="dense"
            InputLabelProps={{ shrink: true }}
            error={Boolean(startAt && endAt) && !rangeOk}
            helperText={
              startAt && endAt && !rangeOk ? 'Must be after the start' : ' '
            }
          />
          <TextField
            id="add-override-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            fullWidth
            margin="dense"
            helperText="e.g. swap with Jonas, holiday"
          />
          {error && (
            <Typography color="error" role="alert">
              {error}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy || !userOk || !rangeOk}
          >
            {busy ? 'Adding…' : 'Add override'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
