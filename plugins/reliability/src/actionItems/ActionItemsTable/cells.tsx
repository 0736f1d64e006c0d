import { EntityRefLink } from '@backstage/plugin-catalog-react';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import EditIcon from '@material-ui/icons/Edit';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ActionItem,
  UpdateActionItemRequest,
} from '@reliability-hub/plugin-reliability-common';
import { useEffect, useRef, useState } from 'react';
import { ACTION_ITEM_STATUS_LABELS } from '../../postmortems/labels';

/** Sends one change of an item (the table adds the version). */
export type Update = (
  item: ActionItem,
  change: Omit<UpdateActionItemRequest, 'version'>,
) => void;

interface CellProps {
  item: ActionItem;
  /** Absent when the user may not edit: the cell shows text. */
  update?: Update;
}

const dense = { style: { fontSize: '0.875rem' } };

export function StatusCell({ item, update }: CellProps) {
  if (!update) {
    return <>{ACTION_ITEM_STATUS_LABELS[item.status] ?? item.status}</>;
  }
  return (
    <TextField
      select
      value={item.status}
      onChange={e =>
        update(item, { status: e.target.value as ActionItem['status'] })
      }
      inputProps={{ 'aria-label': `Status of ${item.title}`, ...dense }}
    >
      {ACTION_ITEM_STATUSES.map(status => (
        <MenuItem key={status} value={status}>
          {ACTION_ITEM_STATUS_LABELS[status]}
        </MenuItem>
      ))}
    </TextField>
  );
}

export function PriorityCell({ item, update }: CellProps) {
  if (!update) {
    return <>{item.priority}</>;
  }
  return (
    <TextField
      select
      value={item.priority}
      onChange={e =>
        update(item, { priority: e.target.value as ActionItem['priority'] })
      }
      inputProps={{ 'aria-label': `Priority of ${item.title}`, ...dense }}
    >
      {ACTION_ITEM_PRIORITIES.map(priority => (
        <MenuItem key={priority} value={priority}>
          {priority}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A text field that sends its value when left (or on Enter), not on every key. */
function CommitField(props: {
  value: string;
  label: string;
  type?: string;
  /** Focus on mount, and commit even when unchanged (so the editor closes). */
  closeOnCommit?: boolean;
  onCommit: (value: string) => void;
}) {
  const [text, setText] = useState(props.value);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setText(props.value), [props.value]);
  useEffect(() => {
    // Opened by a click on "change": type right away.
    if (props.closeOnCommit) {
      input.current?.focus();
    }
  }, [props.closeOnCommit]);
  const closed = useRef(false);
  const commit = () => {
    // An editor that closes on Enter must not commit again on the blur after.
    if (closed.current) {
      return;
    }
    if (props.closeOnCommit) {
      closed.current = true;
      props.onCommit(text);
    } else if (text !== props.value) {
      props.onCommit(text);
    }
  };

  return (
    <TextField
      type={props.type}
      value={text}
      onChange={e => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={e => {
        if (e.key === 'Enter') {
          commit();
        }
      }}
      inputRef={input}
      style={props.type === 'date' ? undefined : { minWidth: 220 }}
      inputProps={{ 'aria-label': props.label, ...dense }}
    />
  );
}

export function OwnerCell({ item, update }: CellProps) {
  const [editing, setEditing] = useState(false);
  if (!update || !editing) {
    return (
      <span style={{ display: 'inline-flex', alignItems: 'center' }}>
        <EntityRefLink entityRef={item.owner} />
        {update && (
          <IconButton
            size="small"
            aria-label={`Change owner of ${item.title}`}
            onClick={() => setEditing(true)}
          >
            <EditIcon fontSize="inherit" />
          </IconButton>
        )}
      </span>
    );
  }
  return (
    <CommitField
      value={item.owner}
      label={`Owner of ${item.title}`}
      closeOnCommit
      onCommit={owner => {
        setEditing(false);
        if (owner.trim() && owner.trim() !== item.owner) {
          update(item, { owner: owner.trim() });
        }
      }}
    />
  );
}

export function DueDateCell({ item, update }: CellProps) {
  const overdue = item.overdue && (
    <Typography variant="caption" color="error" component="div">
      Overdue
    </Typography>
  );
  if (!update) {
    return (
      <>
        {item.dueDate ?? '–'}
        {overdue}
      </>
    );
  }
  return (
    <>
      <CommitField
        type="date"
        value={item.dueDate ?? ''}
        label={`Due date of ${item.title}`}
        onCommit={dueDate => update(item, { dueDate: dueDate || null })}
      />
      {overdue}
    </>
  );
}
