import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import AddIcon from '@material-ui/icons/Add';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_TYPES,
  ActionItemPriority,
  ActionItemType,
  reliabilityActionItemCreatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { ACTION_ITEM_TYPE_LABELS } from '../../postmortems/labels';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { usePersonValue } from '../../shared/people';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { OWNER_KINDS } from '../../shared/people';

function AddActionItemDialog(props: {
  postmortemId: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { postmortemId, onClose, onAdded } = props;
  const api = useApi(reliabilityApiRef);
  const [title, setTitle] = useState('');
  const [type, setType] = useState<ActionItemType>('prevent');
  const [priority, setPriority] = useState<ActionItemPriority>('P2');
  const [owner, setOwner] = usePersonValue({ defaultToMe: true });
  const [dueDate, setDueDate] = useState('');
  const [ticketUrl, setTicketUrl] = useState('');
  const write = useWrite(
    () =>
      api.createActionItem(postmortemId, {
        title: title.trim(),
        type,
        priority,
        owner: owner ?? '',
        dueDate: dueDate || undefined,
        ticketUrl: ticketUrl.trim() || undefined,
      }),
    { onSuccess: onAdded },
  );

  return (
    <WriteDialog
      title="Add an action item"
      formLabel="Add action item"
      write={write}
      submitLabel="Add"
      busyLabel="Adding…"
      canSubmit={Boolean(title.trim() && owner)}
      onClose={onClose}
    >
      <TextField
        id="action-item-title"
        label="Title"
        value={title}
        onChange={e => setTitle(e.target.value)}
        required
        fullWidth
        margin="dense"
      />
      <TextField
        id="action-item-type"
        select
        label="Type"
        value={type}
        onChange={e => setType(e.target.value as ActionItemType)}
        fullWidth
        margin="dense"
      >
        {ACTION_ITEM_TYPES.map(t => (
          <MenuItem key={t} value={t}>
            {ACTION_ITEM_TYPE_LABELS[t]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="action-item-priority"
        select
        label="Priority"
        value={priority}
        onChange={e => setPriority(e.target.value as ActionItemPriority)}
        fullWidth
        margin="dense"
      >
        {ACTION_ITEM_PRIORITIES.map(p => (
          <MenuItem key={p} value={p}>
            {p}
          </MenuItem>
        ))}
      </TextField>
      <PeoplePicker
        id="action-item-owner"
        label="Owner"
        kinds={OWNER_KINDS}
        value={owner}
        onChange={setOwner}
        required
        helperText="A person or a team"
      />
      <TextField
        id="action-item-due-date"
        label="Due date"
        type="date"
        value={dueDate}
        onChange={e => setDueDate(e.target.value)}
        fullWidth
        margin="dense"
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        id="action-item-ticket"
        label="Ticket URL"
        type="url"
        value={ticketUrl}
        onChange={e => setTicketUrl(e.target.value)}
        fullWidth
        margin="dense"
      />
    </WriteDialog>
  );
}

/**
 * "Add action item" on a postmortem, for those allowed to: title, type,
 * priority, owner (a user or group from the catalog, the signed-in user by
 * default), due date and ticket URL.
 *
 * @internal
 */
export function AddActionItemButton(props: {
  postmortemId: string;
  entityRef: string;
  onAdded: () => void;
}) {
  const { postmortemId, entityRef, onAdded } = props;
  const { allowed } = usePermission({
    permission: reliabilityActionItemCreatePermission,
    resourceRef: entityRef,
  });
  const [open, setOpen] = useState(false);

  if (!allowed) {
    return null;
  }
  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        startIcon={<AddIcon />}
        onClick={() => setOpen(true)}
      >
        Add action item
      </Button>
      {open && (
        <AddActionItemDialog
          postmortemId={postmortemId}
          onClose={() => setOpen(false)}
          onAdded={() => {
            setOpen(false);
            onAdded();
          }}
        />
      )}
    </>
  );
}
