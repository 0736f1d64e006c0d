import { useApi } from '@backstage/core-plugin-api';
import { reliabilityApiRef } from '../../api';
import { RereadFilesButton } from '../../shared/RereadFilesButton';

/**
 * Re-reads the entity's OpenSLO file now, for owners who just changed it.
 *
 * @internal
 */
export function RefreshSlosButton(props: {
  entityRef: string;
  onRefreshed: () => void;
}) {
  const api = useApi(reliabilityApiRef);
  return (
    <RereadFilesButton
      entityRef={props.entityRef}
      label="Re-read definitions"
      tooltip="Read the OpenSLO file again now, after changing it"
      reread={() => api.refreshSlos(props.entityRef)}
      onDone={props.onRefreshed}
    />
  );
}
