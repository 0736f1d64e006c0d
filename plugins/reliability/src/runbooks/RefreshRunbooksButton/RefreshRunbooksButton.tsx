import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { reliabilityDefinitionsRefreshPermission } from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { useWrite } from '../../shared/useWrite';

/**
 * Re-reads the entity's runbook files now instead of at the next scheduled
 * refresh, for owners who just changed them; shown to those allowed to.
 *
 * @internal
 */
export function RefreshRunbooksButton(props: {
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
    <Box display="flex" alignItems="center" gridGap={4}>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
      <Tooltip title="Read the runbook files again now, after changing them">
        <span>
          <IconButton
            aria-label="Re-read runbook files"
            disabled={busy}
            onClick={async () => {
              const done = await run(() =>
                api.refreshRunbooks(props.entityRef),
              );
              if (done) {
                props.onRefreshed();
              }
            }}
          >
            <RefreshIcon />
          </IconButton>
        </span>
      </Tooltip>
    </Box>
  );
}
