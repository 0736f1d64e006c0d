import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  Postmortem,
  PostmortemStatus,
  reliabilityPostmortemUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { useWrite } from '../../shared/useWrite';

/** The review flow's moves from each status: forward first, then back. */
const MOVES: Record<
  PostmortemStatus,
  Array<{ to: PostmortemStatus; label: string }>
> = {
  draft: [{ to: 'in_review', label: 'Submit for review' }],
  in_review: [
    { to: 'published', label: 'Publish' },
    { to: 'draft', label: 'Back to draft' },
  ],
  published: [{ to: 'in_review', label: 'Back to review' }],
};

/**
 * Buttons that move a postmortem through draft → in review → published, for
 * those allowed to edit it.
 *
 * @internal
 */
export function PostmortemStatusActions(props: {
  postmortem: Postmortem;
  onChanged: () => void;
  /**
   * Disables the buttons while the page reloads after another change (an
   * edit saved a moment ago): a move made on the old version would be refused.
   */
  reloading?: boolean;
}) {
  const { postmortem, onChanged, reloading = false } = props;
  const api = useApi(reliabilityApiRef);
  const { allowed } = usePermission({
    permission: reliabilityPostmortemUpdatePermission,
    resourceRef: postmortem.entityRef,
  });
  const { busy, error, run } = useWrite({ onConflict: onChanged });

  if (!allowed) {
    return null;
  }

  const move = async (status: PostmortemStatus) => {
    const changed = await run(() =>
      api.updatePostmortem(postmortem.id, {
        version: postmortem.version,
        status,
      }),
    );
    if (changed) {
      onChanged();
    }
  };

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      {MOVES[postmortem.status].map((move_, i) => (
        <Button
          key={move_.to}
          variant={i === 0 ? 'contained' : 'outlined'}
          color="primary"
          size="small"
          disabled={busy || reloading}
          onClick={() => move(move_.to)}
        >
          {move_.label}
        </Button>
      ))}
      {error && (
        <Typography color="error" role="alert" variant="body2">
          {error}
        </Typography>
      )}
    </Box>
  );
}
