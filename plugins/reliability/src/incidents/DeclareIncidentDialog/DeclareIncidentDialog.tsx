import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Incident } from '@reliability-hub/plugin-reliability-common';
import { FormEvent, useEffect, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { writeErrorMessage } from '../../shared/writeErrors';
import { useSeverityLevels } from '../useSeverityLevels';

/**
 * The form to declare an incident on an entity: title, severity (the
 * configured levels, with what each means), summary and commander (the
 * signed-in user unless changed).
 *
 * @internal
 */
export function DeclareIncidentDialog(props: {
  open: boolean;
  entityRef: string;
  onClose: () => void;
  onDeclared: (incident: Incident) => void;
}) {
  const { open, entityRef, onClose, onDeclared } = props;
  const api = useApi(reliabilityApiRef);
  const identityApi = useApi(identityApiRef);
  const { levels } = useSeverityLevels();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState('');
  const [summary, setSummary] = useState('');
  const [commander, setCommander] = useState('');
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
          setCommander(current => current || identity.userEntityRef);
        }
      },
      () => {},
    );
    // eslint-disable-next-line consistent-return
    return () => {
      cancelled = true;
    };
  }, [open, identityApi]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const incident = await api.createIncident({
        entityRef,
        title: title.trim(),
        severity,
        summary: summary.trim() || undefined,
        commander: commander.trim() || undefined,
      });
      onDeclared(incident);
    } catch (e) {
      setError(writeErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit} aria-label="Declare incident">
        <DialogTitle>Declare an incident</DialogTitle>
        <DialogContent>
          <TextField
            id="declare-incident-title"
            label="Title"
            value={title}
            onChange={e => setTitle(e.target.value)}
            required
            fullWidth
            margin="dense"
            helperText="What is broken, as users see it"
          />
          <TextField
            select
            id="declare-incident-severity"
            label="Severity"
            value={severity}
            onChange={e => setSeverity(e.target.value)}
            required
            fullWidth
            margin="dense"
            SelectProps={{ renderValue: value => String(value) }}
          >
            {levels.map(level => (
              <MenuItem key={level.id} value={level.id}>
                <ListItemText
                  primary={`${level.id} · ${level.name}`}
                  secondary={level.description}
                />
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="declare-incident-summary"
            label="Summary"
            value={summary}
            onChange={e => setSummary(e.target.value)}
            multiline
            minRows={3}
            fullWidth
            margin="dense"
          />
          <TextField
            id="declare-incident-commander"
            label="Commander"
            value={commander}
            onChange={e => setCommander(e.target.value)}
            fullWidth
            margin="dense"
            helperText="User ref, e.g. user:default/jane.doe"
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
            disabled={busy || !title.trim() || !severity}
          >
            {busy ? 'Declaring…' : 'Declare'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
