import { EntityRefLink } from '@backstage/plugin-catalog-react';
import IconButton from '@material-ui/core/IconButton';
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
import { FormTextField, selectOptions } from '../../shared/FormTextField';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { OWNER_KINDS } from '../../shared/people';

/** Sends one change of an item (the table adds the version). */
export type Update = (
  item: ActionItem,
  change: Omit<UpdateActionItemRequest, 'version'>,
) => unknown;

interface CellProps {
  item: ActionItem;
  /** Absent when the user may not edit: the cell shows text. */
  update?: Update;
}

const dense = { style: { fontSize: '0.875rem' } };

/** The fields of an item chosen from a few values, with their choices. */
const SELECTS = {
  status: {
    name: 'Status',
    options: selectOptions(ACTION_ITEM_STATUSES, ACTION_ITEM_STATUS_LABELS),
  },
  priority: {
    name: 'Priority',
    options: selectOptions(ACTION_ITEM_PRIORITIES),
  },
};

/** A field of the item chosen from a few values: a select, or its label. */
function SelectCell(props: CellProps & { field: keyof typeof SELECTS }) {
  const { item, update, field } = props;
  const { name, options } = SELECTS[field];
  const value = item[field];
  if (!update) {
    return <>{options.find(o => o.value === value)?.label ?? value}</>;
  }
  return (
    <FormTextField
      value={value}
      options={options}
      fullWidth={false}
      margin="none"
      onChange={e => update(item, { [field]: e.target.value })}
      inputProps={{ 'aria-label': `${name} of ${item.title}`, ...dense }}
    />
  );
}

export const StatusCell = (props: CellProps) => (
  <SelectCell {...props} field="status" />
);

export const PriorityCell = (props: CellProps) => (
  <SelectCell {...props} field="priority" />
);

/** A date field that sends its value when left (or on Enter), not on every key. */
function DateField(props: {
  value: string;
  label: string;
  onCommit: (value: string) => void;
}) {
  const [text, setText] = useState(props.value);
  // What was last sent (or loaded), so Enter and the blur after send once.
  const sent = useRef(props.value);
  useEffect(() => {
    sent.current = props.value;
    setText(props.value);
  }, [props.value]);
  const commit = () => {
    if (text !== sent.current) {
      sent.current = text;
      props.onCommit(text);
    }
  };

  return (
    <TextField
      type="date"
      value={text}
      onChange={e => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={e => {
        if (e.key === 'Enter') {
          commit();
        }
      }}
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
    <PeoplePicker
      id={`action-item-owner-${item.id}`}
      label={`Owner of ${item.title}`}
      hideLabel
      focusOnMount
      kinds={OWNER_KINDS}
      value={item.owner}
      onChange={owner => {
        // Emptying the text is not a choice: an item always has an owner.
        if (!owner) {
          return;
        }
        setEditing(false);
        if (owner !== item.owner) {
          update(item, { owner });
        }
      }}
      onBlur={() => setEditing(false)}
      style={{ minWidth: 220 }}
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
      <DateField
        value={item.dueDate ?? ''}
        label={`Due date of ${item.title}`}
        onCommit={dueDate => update(item, { dueDate: dueDate || null })}
      />
      {overdue}
    </>
  );
}
