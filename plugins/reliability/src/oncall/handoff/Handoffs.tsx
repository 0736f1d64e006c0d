import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import {
  HandoffNote,
  handoffsIn,
  HandoffTime,
  reliabilityScheduleUpdatePermission,
  ScheduleRecord,
  TimeRange,
} from '@reliability-hub/plugin-reliability-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { Person, personFromRef, useSignedInUser } from '../../shared/people';
import { useFields } from '../../shared/useFields';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { bothTimes, fromNow } from '../format';
import { HandoffNoteText } from './HandoffNoteText';
import { noteKey, useHandoffNotes } from './useHandoffNotes';

function nameOf(ref: string | null, profiles: Map<string, Person>) {
  return ref ? (profiles.get(ref) ?? personFromRef(ref)).displayName : 'nobody';
}

/** Writes (or changes) the note of one hand-off. */
function NoteDialog(props: {
  record: ScheduleRecord;
  handoff: HandoffTime;
  note?: HandoffNote;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { record, handoff, note, onClose, onSaved } = props;
  const api = useApi(reliabilityApiRef);
  const { values, field } = useFields('handoff-note', {
    note: note?.note ?? '',
  });
  const write = useWrite(
    () =>
      api.saveHandoffNote(record.id, {
        at: handoff.at,
        note: values.note,
        ...(note ? { version: note.version } : {}),
      }),
    { onSuccess: onSaved },
  );
  return (
    <WriteDialog
      title={`Hand-off note for ${record.name}`}
      formLabel="Hand-off note"
      write={write}
      submitLabel="Save note"
      busyLabel="Saving…"
      canSubmit={values.note.trim().length > 0}
      onClose={onClose}
    >
      <FormTextField
        {...field('note')}
        label="What is open, what to watch"
        multiline
        minRows={4}
        required
      />
    </WriteDialog>
  );
}

/** The owning team's open incidents and action items at a hand-off. */
function ChecklistDialog(props: {
  record: ScheduleRecord;
  at: string;
  onClose: () => void;
}) {
  const { record, at, onClose } = props;
  const api = useApi(reliabilityApiRef);
  const { value, loading, error } = useAsync(
    async () => api.getHandoff(record.id, at),
    [api, record.id, at],
  );
  const list = value?.checklist;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Hand-off checklist: {record.name}</DialogTitle>
      <DialogContent>
        {loading && <Typography variant="body2">Loading…</Typography>}
        {error && (
          <Typography color="error" variant="body2">
            Could not load the checklist: {error.message}
          </Typography>
        )}
        {list && (
          <>
            <Typography variant="subtitle2">
              Open incidents of{' '}
              <EntityRefLink entityRef={record.ownerRef} hideIcon />
            </Typography>
            {list.incidents.length ? (
              <ul>
                {list.incidents.map(i => (
                  <li key={i.id}>
                    {i.humanId ?? i.id} {i.title} ({i.severity}, {i.status})
                  </li>
                ))}
                {list.moreIncidents && <li>and more</li>}
              </ul>
            ) : (
              <Typography variant="body2">None.</Typography>
            )}
            <Typography variant="subtitle2">Open action items</Typography>
            {list.actionItems.length ? (
              <ul>
                {list.actionItems.map(a => (
                  <li key={a.id}>
                    {a.title}
                    {a.dueDate ? ` (due ${a.dueDate})` : ''}
                  </li>
                ))}
                {list.moreActionItems && <li>and more</li>}
              </ul>
            ) : (
              <Typography variant="body2">None.</Typography>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

/** One schedule's next hand-off, its note and its buttons. */
function HandoffRow(props: {
  record: ScheduleRecord;
  handoff: HandoffTime;
  note?: HandoffNote;
  me?: string;
  profiles: Map<string, Person>;
  onSaved: () => void;
}) {
  const { record, handoff, note, me, profiles, onSaved } = props;
  const [open, setOpen] = useState<'note' | 'checklist'>();
  const { allowed: member } = usePermission({
    permission: reliabilityScheduleUpdatePermission,
    resourceRef: record.ownerRef,
  });
  const canWrite = member || (Boolean(me) && me === handoff.outgoing);
  const zone = record.schedule.timeZone;
  return (
    <Box component="li" py={1} aria-label={`Next hand-off of ${record.name}`}>
      <Typography variant="body2">
        {record.name}: {nameOf(handoff.outgoing, profiles)} →{' '}
        {nameOf(handoff.incoming, profiles)} at {bothTimes(handoff.at, zone)} (
        {fromNow(handoff.at)})
      </Typography>
      {note ? (
        <HandoffNoteText note={note} profiles={profiles} />
      ) : (
        <Typography variant="caption" color="textSecondary">
          No hand-off note yet.
        </Typography>
      )}
      <Box mt={0.5}>
        {canWrite && (
          <Button size="small" onClick={() => setOpen('note')}>
            {note ? 'Edit note' : 'Write note'}
          </Button>
        )}
        <Button size="small" onClick={() => setOpen('checklist')}>
          Checklist
        </Button>
      </Box>
      {open === 'note' && (
        <NoteDialog
          record={record}
          handoff={handoff}
          note={note}
          onClose={() => setOpen(undefined)}
          onSaved={() => {
            setOpen(undefined);
            onSaved();
          }}
        />
      )}
      {open === 'checklist' && (
        <ChecklistDialog
          record={record}
          at={handoff.at}
          onClose={() => setOpen(undefined)}
        />
      )}
    </Box>
  );
}

/**
 * The next hand-off of each schedule: who hands to whom and when, the note
 * the outgoing person left ("Write note" for them and the owning team), and
 * the owning team's checklist of open incidents and action items.
 *
 * @internal
 */
export function Handoffs(props: {
  schedules: ScheduleRecord[];
  range: TimeRange;
  profiles: Map<string, Person>;
}) {
  const { schedules, range, profiles } = props;
  const me = useSignedInUser().userRef;
  const [now] = useState(() => new Date().toISOString());
  const next = useMemo(
    () =>
      schedules.flatMap(record => {
        const [handoff] = handoffsIn(record.schedule, {
          start: now,
          end: range.end,
        });
        return handoff ? [{ record, handoff }] : [];
      }),
    [schedules, now, range.end],
  );
  const { notes, reload } = useHandoffNotes(
    next.map(n => n.record.id),
    now,
    range.end,
  );
  if (!next.length) {
    return null;
  }
  return (
    <InfoCard title="Next hand-offs">
      <Box component="ul" m={0} pl={0} style={{ listStyle: 'none' }}>
        {next.map(({ record, handoff }) => (
          <HandoffRow
            key={record.id}
            record={record}
            handoff={handoff}
            note={notes.get(noteKey(record.id, handoff.at))}
            me={me}
            profiles={profiles}
            onSaved={reload}
          />
        ))}
      </Box>
    </InfoCard>
  );
}
