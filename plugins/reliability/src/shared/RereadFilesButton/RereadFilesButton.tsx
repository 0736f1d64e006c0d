import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';
import { reliabilityDefinitionsRefreshPermission } from '@reliability-hub/plugin-reliability-common';
import { useWrite } from '../useWrite';
import { WriteError } from '../WriteError';

/**
 * Re-reads an entity's definition files (OpenSLO, runbooks) now instead of at
 * the next scheduled refresh, for owners who just changed them. Shown only to
 * those allowed to; a failure is shown beside the button.
 *
 * @internal
 */
export function RereadFilesButton(props: {
  entityRef: string;
  /** Accessible name, and the text of the full-size button. */
  label: string;
  tooltip: string;
  reread: () => Promise<unknown>;
  onDone: () => void;
  /** An icon button (card headers) instead of an outlined text button. */
  compact?: boolean;
}) {
  const { entityRef, label, tooltip, reread, onDone, compact } = props;
  const { allowed } = usePermission({
    permission: reliabilityDefinitionsRefreshPermission,
    resourceRef: entityRef,
  });
  const { busy, error, run } = useWrite(reread, { onSuccess: onDone });
  if (!allowed) {
    return null;
  }
  const onClick = () => run();
  return (
    <Box display="flex" alignItems="center" gridGap={4} flexWrap="wrap">
      <Tooltip title={tooltip}>
        <span>
          {compact ? (
            <IconButton aria-label={label} disabled={busy} onClick={onClick}>
              <RefreshIcon />
            </IconButton>
          ) : (
            <Button
              size="small"
              variant="outlined"
              startIcon={<RefreshIcon />}
              disabled={busy}
              onClick={onClick}
            >
              {label}
            </Button>
          )}
        </span>
      </Tooltip>
      <WriteError error={error} />
    </Box>
  );
}
