import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { FormEvent, ReactNode } from 'react';
import { FormActions } from '../FormActions';
import { Write } from '../useWrite';
import { WriteError } from '../WriteError';

/**
 * A dialog that is one form and one write: the fields, why the write failed
 * if it did, and {@link FormActions}. Submitting (the primary action or
 * Enter) runs the write when `canSubmit`; what happens after success is the
 * write's `onSuccess`.
 *
 * @internal
 */
export function WriteDialog(props: {
  title: ReactNode;
  /** The form's accessible name, e.g. "Add override". */
  formLabel: string;
  write: Write<[]>;
  submitLabel: string;
  busyLabel?: string;
  canSubmit?: boolean;
  onClose: () => void;
  cancelLabel?: string;
  children: ReactNode;
}) {
  const {
    title,
    formLabel,
    write,
    canSubmit = true,
    onClose,
    children,
  } = props;
  // React 16 and 17 have no useId; the form's name is unique on a page.
  const titleId = `${formLabel
    .toLocaleLowerCase('en-US')
    .replace(/\W+/g, '-')}-dialog-title`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canSubmit && !write.busy) {
      write.run();
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <form onSubmit={submit} aria-label={formLabel}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {children}
          <Box mt={1}>
            <WriteError error={write.error} />
          </Box>
        </DialogContent>
        <FormActions
          submitLabel={props.submitLabel}
          busyLabel={props.busyLabel}
          busy={write.busy}
          canSubmit={canSubmit}
          onCancel={onClose}
          cancelLabel={props.cancelLabel}
        />
      </form>
    </Dialog>
  );
}
