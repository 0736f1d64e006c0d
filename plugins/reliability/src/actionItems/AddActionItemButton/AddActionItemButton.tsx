import { useApi } from '@backstage/core-plugin-api';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_TYPES,
  ActionItemPriority,
  ActionItemType,
  reliabilityActionItemCreatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { ACTION_ITEM_TYPE_LABELS } from '../../postmortems/labels';
import { FormTextField, selectOptions } from '../../shared/FormTextField';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { usePersonValue } from '../../shared/people';
import { useFields } from '../../shared/useFields';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { WriteDialogButton } from '../../shared/WriteDialogButton';
import { OWNER_KINDS } from '../../shared/people';

function AddActionItemDialog(props: {
  postmortemId: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { postmortemId, onClose, onAdded } = props;
  const api = useApi(reliabilityApiRef);
  const { values, field } = useFields('action-item', {
    title: '',
    type: 'prevent',
    priority: 'P2',
    dueDate: '',
    ticketUrl: '',
  });
  const [owner, setOwner] = usePersonValue({ defaultToMe: true });
  const write = useWrite(
    () =>
      api.createActionItem(postmortemId, {
        title: values.title.trim(),
        type: values.type as ActionItemType,
        priority: values.priority as ActionItemPriority,
        owner: owner ?? '',
        dueDate: values.dueDate || undefined,
        ticketUrl: values.ticketUrl.trim() || undefined,
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
      canSubmit={Boolean(values.title.trim() && owner)}
      onClose={onClose}
    >
      <FormTextField {...field('title')} label="Title" required />
      <FormTextField
        {...field('type')}
        label="Type"
        options={selectOptions(ACTION_ITEM_TYPES, ACTION_ITEM_TYPE_LABELS)}
      />
      <FormTextField
        {...field('priority')}
        label="Priority"
        options={selectOptions(ACTION_ITEM_PRIORITIES)}
      />
      <PeoplePicker
        id="action-item-owner"
        label="Owner"
        kinds={OWNER_KINDS}
        value={owner}
        onChange={setOwner}
        required
        helperText="A person or a team"
      />
      <FormTextField {...field('dueDate')} label="Due date" type="date" />
      <FormTextField {...field('ticketUrl')} label="Ticket URL" type="url" />
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
  return (
    <WriteDialogButton
      permission={reliabilityActionItemCreatePermission}
      resourceRef={entityRef}
      label="Add action item"
      adds
      onDone={onAdded}
      dialog={(close, done) => (
        <AddActionItemDialog
          postmortemId={postmortemId}
          onClose={close}
          onAdded={done}
        />
      )}
    />
  );
}
