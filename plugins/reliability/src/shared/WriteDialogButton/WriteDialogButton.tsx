import { usePermission } from '@backstage/plugin-permission-react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import { ReactNode, useState } from 'react';
import { EntityPermission } from '../entityPermission';

/**
 * A button that opens a write dialog, shown only to those allowed to make
 * the write; the backend decides again on every write. The dialog is
 * mounted fresh on each opening, so it starts from its defaults.
 *
 * @internal
 */
export function WriteDialogButton(
  props: Omit<ButtonProps, 'onClick' | 'children'> & {
    permission: EntityPermission;
    /** The entity the permission is checked on. */
    resourceRef: string;
    label: string;
    /** The dialog, given the function that closes it. */
    dialog: (close: () => void) => ReactNode;
  },
) {
  const { permission, resourceRef, label, dialog, ...buttonProps } = props;
  const { allowed } = usePermission({ permission, resourceRef });
  const [open, setOpen] = useState(false);
  if (!allowed) {
    return null;
  }
  return (
    <>
      <Button size="small" {...buttonProps} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && dialog(() => setOpen(false))}
    </>
  );
}
