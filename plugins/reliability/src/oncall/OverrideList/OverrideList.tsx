import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  Override,
  overrideConcerns,
  reliabilityScheduleUpdatePermission,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { ListTable } from '../../shared/ListTable';
import { Person, personFromRef } from '../../shared/people';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { bothTimes, viewerTime, zoneTime } from '../format';
import { OnCallPerson } from '../OnCallPerson';

type StoredOverride = Override & { id: string };

interface Row {
  record: ScheduleRecord;
  override: StoredOverride;
}

function nameOf(ref: string, profiles: Map<string, Person>): string {
  return (profiles.get(ref) ?? personFromRef(ref)).displayName;
}

/** Asks before taking an override back: the shifts change at once. */
function RemoveOverrideDialog(props: {
  row: Row;
  profiles: Map<string, Person>;
  onClose: () => void;
  onRemoved: (record: ScheduleRecord) => void;
}) {
  const { row, profiles, onClose, onRemoved } = props;
  const { record, override } = row;
  const api = useApi(reliabilityApiRef);
  const write = useWrite(
    () => api.removeScheduleOverride(record.id, override.id, record.version),
    { onSuccess: onRemoved },
  );
  const zone = record.schedule.timeZone;
  return (
    <WriteDialog
      title="Remove this override?"
      formLabel="Remove override"
      write={write}
      submitLabel="Remove override"
      busyLabel="Removing…"
      onClose={onClose}
    >
      <Typography variant="body2">
        {nameOf(override.user, profiles)} no longer covers {record.name} from{' '}
        {bothTimes(override.start, zone)} to {bothTimes(override.end, zone)};
        the rotation decides who is on call then again.
      </Typography>
    </WriteDialog>
  );
}

/**
 * "Remove" for the owning team, the person covering and the people
 * covered; the backend decides again.
 */
function RemoveButton(props: {
  row: Row;
  me?: string;
  profiles: Map<string, Person>;
  onChanged: (record: ScheduleRecord) => void;
}) {
  const { row, me, profiles, onChanged } = props;
  const [open, setOpen] = useState(false);
  const { allowed: member } = usePermission({
    permission: reliabilityScheduleUpdatePermission,
    resourceRef: row.record.ownerRef,
  });
  const concerned =
    !!me && overrideConcerns(row.record.schedule, row.override).includes(me);
  if (!member && !concerned) {
    return null;
  }
  return (
    <>
      <Button
        size="small"
        onClick={() => setOpen(true)}
        aria-label={`Remove override of ${nameOf(
          row.override.user,
          profiles,
        )} on ${row.record.name}`}
      >
        Remove
      </Button>
      {open && (
        <RemoveOverrideDialog
          row={row}
          profiles={profiles}
          onClose={() => setOpen(false)}
          onRemoved={record => {
            setOpen(false);
            onChanged(record);
          }}
        />
      )}
    </>
  );
}

/**
 * Every override that has not ended yet, soonest first: who covers, when,
 * why, and "Remove" for those who may take it back.
 *
 * @internal
 */
export function OverrideList(props: {
  schedules: ScheduleRecord[];
  profiles: Map<string, Person>;
  me?: string;
  onChanged: (record: ScheduleRecord) => void;
}) {
  const { schedules, profiles, me, onChanged } = props;
  const now = Date.now();
  const rows: Row[] = schedules
    .flatMap(record =>
      record.schedule.overrides
        .filter(o => Date.parse(o.end) > now)
        .map(override => ({ record, override })),
    )
    .sort((a, b) => a.override.start.localeCompare(b.override.start));

  const columns: TableColumn<Row>[] = [
    {
      title: 'Schedule',
      render: ({ record }) => (
        <Typography variant="body2">
          <strong>{record.name}</strong>
        </Typography>
      ),
    },
    {
      title: 'Who covers',
      render: ({ override }) => (
        <OnCallPerson
          userRef={override.user}
          profile={profiles.get(override.user)}
          compact
        />
      ),
    },
    {
      title: 'When',
      render: ({ record, override }) => {
        const zone = record.schedule.timeZone;
        return (
          <>
            <Typography variant="body2">
              {viewerTime(override.start)} → {viewerTime(override.end)}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {zoneTime(override.start, zone)} → {zoneTime(override.end, zone)}{' '}
              {zone}
            </Typography>
          </>
        );
      },
    },
    {
      title: 'Why',
      render: ({ override }) =>
        override.reason ? (
          <Typography variant="body2">{override.reason}</Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No reason given
          </Typography>
        ),
    },
    {
      title: '',
      render: row => (
        <RemoveButton
          row={row}
          me={me}
          profiles={profiles}
          onChanged={onChanged}
        />
      ),
    },
  ];

  return (
    <ListTable<Row>
      title="Overrides"
      columns={columns}
      data={rows}
      emptyMessage="No overrides now or ahead. Add one when someone covers another's shift."
    />
  );
}
