import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { reliabilityDefinitionsRefreshPermission } from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { useWrite } from '../../shared/useWrite';

/**
 * Re-reads the entity's OpenSLO file now instead of at the next scheduled
 * refresh; shown to those allowed to.
 *
 * @internal
 */
export function RefreshSlosButton(props: {
  entityRef: string;
  onRefreshed: () => void;
}) {
  const api = useApi(reliabilityApiRef);
  const { allowed } = usePermission({
    permission: reliabilityDefinitionsRefreshPermission,
    resourceRef: props.entityRef,
  });
  const { busy, error, run } = useWrite();
  if (!allowed) {
    return null;
  }
  return (
    <>
      <Tooltip title="Read the OpenSLO file again now, after changing it">
        <span>
          <Button
            size="small"
            variant="outlined"
            startIcon={<RefreshIcon />}
            disabled={busy}
            onClick={async () => {
              const done = await run(() => api.refreshSlos(props.entityRef));
              if (done) {
                props.onRefreshed();
              }
            }}
          >
            Re-read definitions
          </Button>
        </span>
      </Tooltip>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
    </>
  );
}
