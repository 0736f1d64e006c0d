import { useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  finalSchedule,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { useMemo, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { useFields } from '../../shared/useFields';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { bothTimes } from '../format';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead the teammate's shifts are offered in return. */
const RETURN_DAYS = 28;

/**
 * Asks a teammate, picked by name, to cover a shift of the signed-in
 * user's, or to trade it for one of the teammate's own; they accept or
 * decline on their On-call page.
 *
 * @internal
 */
export function SwapRequestDialog(props: {
  record: ScheduleRecord;
  shift: { start: string; end: string };
  onClose: () => void;
  onAsked: () => void;
}) {
  const { record, shift, onClose, onAsked } = props;
  const zone = record.schedule.timeZone;
  const api = useApi(reliabilityApiRef);
  const [recipient, setRecipient] = useState<string | null>(null);
  const [returnStart, setReturnStart] = useState('');
  const { values, field } = useFields('swap-request', { note: '' });

  const theirShifts = useMemo(() => {
    if (!recipient) return [];
    const now = Date.now();
    return finalSchedule(record.schedule, {
      start: new Date(now).toISOString(),
      end: new Date(now + RETURN_DAYS * DAY_MS).toISOString(),
    }).filter(s => s.user === recipient && Date.parse(s.start) > now);
  }, [record, recipient]);
  const returnShift = theirShifts.find(s => s.start === returnStart);

  const write = useWrite(
    () =>
      api.requestSwap(record.id, {
        recipient: recipient!,
        shift,
        ...(returnShift
          ? { returnShift: { start: returnShift.start, end: returnShift.end } }
          : {}),
        note: values.note.trim() || undefined,
      }),
    { onSuccess: onAsked },
  );

  return (
    <WriteDialog
      title={`Swap your ${record.name} shift`}
      formLabel="Ask for a swap"
      write={write}
      submitLabel="Ask"
      busyLabel="Asking…"
      canSubmit={Boolean(recipient)}
      onClose={onClose}
    >
      <Typography variant="body2" color="textSecondary">
        Your shift {bothTimes(shift.start, zone)} – {bothTimes(shift.end, zone)}
        . The person you ask accepts or declines; until then, you stay on call.
      </Typography>
      <PeoplePicker
        id="swap-recipient"
        label="Teammate"
        value={recipient}
        onChange={ref => {
          setRecipient(ref);
          setReturnStart('');
        }}
        required
      />
      <TextField
        select
        id="swap-return"
        label="In return, I cover"
        value={returnStart}
        onChange={e => setReturnStart(e.target.value)}
        disabled={!theirShifts.length}
        helperText={
          recipient && !theirShifts.length
            ? `They have no shift of ${record.name} in the next ${RETURN_DAYS} days: they cover yours`
            : 'Leave empty to ask them to cover your shift'
        }
        fullWidth
        margin="normal"
      >
        <MenuItem value="">Nothing: they cover my shift</MenuItem>
        {theirShifts.map(s => (
          <MenuItem key={s.start} value={s.start}>
            {bothTimes(s.start, zone)} – {bothTimes(s.end, zone)}
          </MenuItem>
        ))}
      </TextField>
      <FormTextField
        {...field('note')}
        label="Note"
        helperText="e.g. dentist"
      />
    </WriteDialog>
  );
}
