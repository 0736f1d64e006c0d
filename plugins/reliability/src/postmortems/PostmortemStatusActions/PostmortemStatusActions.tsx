import { useApi } from '@backstage/core-plugin-api';
import {
  Postmortem,
  PostmortemStatus,
  reliabilityPostmortemUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { StatusMoves } from '../../shared/StatusMoves';

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
  const { postmortem, onChanged, reloading } = props;
  const api = useApi(reliabilityApiRef);
  return (
    <StatusMoves
      permission={reliabilityPostmortemUpdatePermission}
      resourceRef={postmortem.entityRef}
      moves={MOVES[postmortem.status].map((move, i) => ({
        ...move,
        primary: i === 0,
      }))}
      move={status =>
        api.updatePostmortem(postmortem.id, {
          version: postmortem.version,
          status,
        })
      }
      onChanged={onChanged}
      reloading={reloading}
    />
  );
}
