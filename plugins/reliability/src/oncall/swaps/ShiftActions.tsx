import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import {
  reliabilityScheduleUpdatePermission,
  ScheduleRecord,
  Shift,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { Person, personFromRef } from '../../shared/people';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { bothTimes } from '../format';
import { SwapRequestDialog } from './SwapRequestDialog';

/** A shift picked on the timeline, and the bar it was picked from. */
interface Picked {
  record: ScheduleRecord;
  shift: Shift;
  anchor: HTMLElement;
}

/**
 * The part of a shift that can still change hands: from the next full
 * hour when it is under way; undefined when it has (nearly) ended.
 */
export function remainingPart(shift: Shift, now = Date.now()) {
  const hour = 3_600_000;
  const start = Math.max(Date.parse(shift.start), Math.ceil(now / hour) * hour);
  return start < Date.parse(shift.end)
    ? { start: new Date(start).toISOString(), end: shift.end }
    : undefined;
}

function nameOf(ref: string, profiles: Map<string, Person>) {
  return (profiles.get(ref) ?? personFromRef(ref)).displayName;
}

/** Asks before taking someone's shift: the override is made at once. */
function TakeShiftDialog(props: {
  picked: Picked;
  me: string;
  profiles: Map<string, Person>;
  onClose: () => void;
  onTaken: (record: ScheduleRecord) => void;
}) {
  const { picked, me, profiles, onClose, onTaken } = props;
  const { record, shift } = picked;
  const api = useApi(reliabilityApiRef);
  const part = remainingPart(shift)!;
  const holder = nameOf(shift.user, profiles);
  const write = useWrite(
    () =>
      api.addScheduleOverride(record.id, {
        version: record.version,
        user: me,
        ...part,
        reason: `Took ${holder}'s shift`,
      }),
    { onSuccess: onTaken },
  );
  const zone = record.schedule.timeZone;
  return (
    <WriteDialog
      title="Take this shift?"
      formLabel="Take shift"
      write={write}
      submitLabel="Take this shift"
      busyLabel="Taking…"
      onClose={onClose}
    >
      <Typography variant="body2">
        You cover {record.name} instead of {holder} from{' '}
        {bothTimes(part.start, zone)} to {bothTimes(part.end, zone)}, as an
        override the team sees at once.
      </Typography>
    </WriteDialog>
  );
}

/** The menu of one picked shift: what the signed-in user may do with it. */
function ShiftMenu(props: {
  picked: Picked;
  me?: string;
  profiles: Map<string, Person>;
  onClose: () => void;
  onChanged: (record: ScheduleRecord) => void;
  onAsked: () => void;
}) {
  const { picked, me, profiles, onClose, onChanged, onAsked } = props;
  const [dialog, setDialog] = useState<'take' | 'swap'>();
  const { allowed: member } = usePermission({
    permission: reliabilityScheduleUpdatePermission,
    resourceRef: picked.record.ownerRef,
  });
  const open = remainingPart(picked.shift) !== undefined;
  const mine = Boolean(me) && picked.shift.user === me;
  const canTake = open && Boolean(me) && !mine && member;
  const canSwap = open && mine;

  if (dialog === 'take' && me) {
    return (
      <TakeShiftDialog
        picked={picked}
        me={me}
        profiles={profiles}
        onClose={onClose}
        onTaken={record => {
          onClose();
          onChanged(record);
        }}
      />
    );
  }
  if (dialog === 'swap') {
    return (
      <SwapRequestDialog
        record={picked.record}
        shift={remainingPart(picked.shift)!}
        onClose={onClose}
        onAsked={() => {
          onClose();
          onAsked();
        }}
      />
    );
  }
  return (
    <Menu anchorEl={picked.anchor} open keepMounted={false} onClose={onClose}>
      {canTake && (
        <MenuItem onClick={() => setDialog('take')}>Take this shift</MenuItem>
      )}
      {canSwap && (
        <MenuItem onClick={() => setDialog('swap')}>Swap with…</MenuItem>
      )}
      {!canTake && !canSwap && (
        <MenuItem disabled>
          {open
            ? `Only ${nameOf(
                picked.shift.user,
                profiles,
              )} can ask for a swap; members of the owning team can take it`
            : 'This shift is over'}
        </MenuItem>
      )}
    </Menu>
  );
}

/**
 * "Take this shift" and "Swap with…" for shifts picked on the timeline:
 * `open` goes to the timeline's `onShiftClick`, `element` anywhere on the
 * page.
 *
 * @internal
 */
export function useShiftActions(options: {
  me?: string;
  profiles: Map<string, Person>;
  onChanged: (record: ScheduleRecord) => void;
  onAsked: () => void;
}) {
  const [picked, setPicked] = useState<Picked>();
  return {
    open: (record: ScheduleRecord, shift: Shift, anchor: HTMLElement) =>
      setPicked({ record, shift, anchor }),
    element: picked ? (
      <ShiftMenu
        key={`${picked.record.id}-${picked.shift.start}`}
        picked={picked}
        {...options}
        onClose={() => setPicked(undefined)}
      />
    ) : null,
  };
}
