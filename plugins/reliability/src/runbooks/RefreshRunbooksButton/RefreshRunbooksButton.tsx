import { useApi } from '@backstage/core-plugin-api';
import { reliabilityApiRef } from '../../api';
import { RereadFilesButton } from '../../shared/RereadFilesButton';

/**
 * Re-reads the entity's runbook files now, for owners who just changed them.
 *
 * @internal
 */
export function RefreshRunbooksButton(props: {
  entityRef: string;
  onRefreshed: () => void;
}) {
  const api = useApi(reliabilityApiRef);
  return (
    <RereadFilesButton
      compact
      entityRef={props.entityRef}
      label="Re-read runbook files"
      tooltip="Read the runbook files again now, after changing them"
      reread={() => api.refreshRunbooks(props.entityRef)}
      onDone={props.onRefreshed}
    />
  );
}
