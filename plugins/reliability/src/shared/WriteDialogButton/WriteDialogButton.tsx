import { usePermission } from '@backstage/plugin-permission-react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import { ReactNode, useState } from 'react';
import { EntityPermission } from '../entityPermission';

/**
 * A button that opens a write dialog, shown only to those allowed to make
 * the write; the backend decides again on every write. The dialog is
 * mounted fresh on each opening, so it starts from its defaults.
 *
 * @internal
 */
export function WriteDialogButton<R = void>(
  props: Omit<ButtonProps, 'onClick' | 'children'> & {
    permission: EntityPermission;
    /** The entity the permission is checked on. */
    resourceRef: string;
    label: string;
    /** The button adds a record: outlined with a plus, as every such button. */
    adds?: boolean;
    /** Called with the dialog's result once `done` has closed it. */
    onDone?: (result: R) => void;
    /**
     * The dialog, given the function that closes it and the one it calls
     * when its write succeeded (closes it, then calls `onDone`).
     */
    dialog: (close: () => void, done: (result: R) => void) => ReactNode;
  },
) {
  const { permission, resourceRef, label, adds, onDone, dialog, ...rest } =
    props;
  const { allowed } = usePermission({ permission, resourceRef });
  const [open, setOpen] = useState(false);
  if (!allowed) {
    return null;
  }
  const close = () => setOpen(false);
  const done = (result: R) => {
    close();
    onDone?.(result);
  };
  const look: ButtonProps = adds
    ? { variant: 'outlined', color: 'primary', startIcon: <AddIcon /> }
    : {};
  return (
    <>
      <Button size="small" {...look} {...rest} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && dialog(close, done)}
    </>
  );
}
