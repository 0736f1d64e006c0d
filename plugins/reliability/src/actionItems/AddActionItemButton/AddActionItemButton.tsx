import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_TYPES,
  ActionItemPriority,
  ActionItemType,
  reliabilityActionItemCreatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { FormEvent, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { ACTION_ITEM_TYPE_LABELS } from '../../postmortems/labels';
import { writeErrorMessage } from '../../shared/writeErrors';

/**
 * "Add action item" on a postmortem, for those allowed to: title, type,
 * priority, owner (a user or group ref, the signed-in user by default), due
 * date and ticket URL.
 *
 * @internal
 */
export function AddActionItemButton(props: {
  postmortemId: string;
  entityRef: string;
  onAdded: () => void;
}) {
  const { postmortemId, entityRef, onAdded } = props;
  const api = useApi(reliabilityApiRef);
  const identityApi = useApi(identityApiRef);
  const { allowed } = usePermission({
    permission: reliabilityActionItemCreatePermission,
    resourceRef: entityRef,
  });
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [type, setType] = useState<ActionItemType>('prevent');
  const [priority, setPriority] = useState<ActionItemPriority>('P2');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [ticketUrl, setTicketUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  if (!allowed) {
    return null;
  }

  const start = async () => {
    setOpen(true);
    setError(undefined);
    if (!owner) {
      const identity = await identityApi
        .getBackstageIdentity()
        .catch(() => undefined);
      setOwner(current => current || identity?.userEntityRef || '');
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.createActionItem(postmortemId, {
        title: title.trim(),
        type,
        priority,
        owner: owner.trim(),
        dueDate: dueDate || undefined,
        ticketUrl: ticketUrl.trim() || undefined,
      });
      setOpen(false);
      setTitle('');
      setDueDate('');
      setTicketUrl('');
      onAdded();
    } catch (e) {
      setError(writeErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        startIcon={<AddIcon />}
        onClick={start}
      >
        Add action item
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullWidth
        maxWidth="sm"
      >
        <form onSubmit={submit} aria-label="Add action item">
          <DialogTitle>Add an action item</DialogTitle>
          <DialogContent>
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
            <TextField
              id="action-item-owner"
              label="Owner"
              value={owner}
              onChange={e => setOwner(e.target.value)}
              required
              fullWidth
              margin="dense"
              helperText="A user or group ref, e.g. group:default/team-checkout"
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
            {error && (
              <Typography color="error" role="alert">
                {error}
              </Typography>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button
              type="submit"
              color="primary"
              variant="contained"
              disabled={busy || !title.trim() || !owner.trim()}
            >
              {busy ? 'Adding…' : 'Add'}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
