import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import DialogActions from '@material-ui/core/DialogActions';

/**
 * The buttons under a form or dialog: Cancel, and the primary action that
 * submits the form. The primary action is disabled while the write runs
 * (showing `busyLabel`) and while `canSubmit` is false; Cancel always works.
 *
 * @internal
 */
export function FormActions(props: {
  submitLabel: string;
  /** Shown on the primary action while the write runs, e.g. "Saving…". */
  busyLabel?: string;
  busy: boolean;
  /** The form is complete and valid. */
  canSubmit?: boolean;
  onCancel: () => void;
  cancelLabel?: string;
}) {
  const {
    submitLabel,
    busyLabel = `${submitLabel}…`,
    busy,
    canSubmit = true,
    onCancel,
    cancelLabel = 'Cancel',
  } = props;
  return (
    <DialogActions>
      <Button onClick={onCancel}>{cancelLabel}</Button>
      <Button
        type="submit"
        color="primary"
        variant="contained"
        disabled={busy || !canSubmit}
        startIcon={
          busy ? <CircularProgress size={16} color="inherit" /> : undefined
        }
      >
        {busy ? busyLabel : submitLabel}
      </Button>
    </DialogActions>
  );
}
