import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';
import { reliabilityDefinitionsRefreshPermission } from '@reliability-hub/plugin-reliability-common';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import { useWrite } from '../useWrite';
import { WriteError } from '../WriteError';

/** The definition files an entity can point at, and how each is re-read. */
const FILES: Record<
  'slos' | 'runbooks',
  {
    label: string;
    tooltip: string;
    reread: (api: ReliabilityApi, entityRef: string) => Promise<unknown>;
  }
> = {
  slos: {
    label: 'Re-read definitions',
    tooltip: 'Read the OpenSLO file again now, after changing it',
    reread: (api: ReliabilityApi, entityRef: string) =>
      api.refreshSlos(entityRef),
  },
  runbooks: {
    label: 'Re-read runbook files',
    tooltip: 'Read the runbook files again now, after changing them',
    reread: (api: ReliabilityApi, entityRef: string) =>
      api.refreshRunbooks(entityRef),
  },
};

/**
 * Re-reads an entity's definition files (OpenSLO, runbooks) now instead of at
 * the next scheduled refresh, for owners who just changed them. Shown only to
 * those allowed to; a failure is shown beside the button.
 *
 * @internal
 */
export function RereadFilesButton(props: {
  entityRef: string;
  files: keyof typeof FILES;
  onDone: () => void;
  /** An icon button (card headers) instead of an outlined text button. */
  compact?: boolean;
}) {
  const { entityRef, onDone, compact } = props;
  const { label, tooltip, reread } = FILES[props.files];
  const api = useApi(reliabilityApiRef);
  const { allowed } = usePermission({
    permission: reliabilityDefinitionsRefreshPermission,
    resourceRef: entityRef,
  });
  const { busy, error, run } = useWrite(() => reread(api, entityRef), {
    onSuccess: onDone,
  });
  if (!allowed) {
    return null;
  }
  return (
    <Box display="flex" alignItems="center" gridGap={4} flexWrap="wrap">
      <Tooltip title={tooltip}>
        <span>
          {compact ? (
            <IconButton
              aria-label={label}
              disabled={busy}
              onClick={() => run()}
            >
              <RefreshIcon />
            </IconButton>
          ) : (
            <Button
              size="small"
              variant="outlined"
              startIcon={<RefreshIcon />}
              disabled={busy}
              onClick={() => run()}
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
