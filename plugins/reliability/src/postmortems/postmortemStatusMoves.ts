import {
  Postmortem,
  PostmortemStatus,
  reliabilityPostmortemUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { StatusMovesSpec } from '../shared/StatusMoves';

/**
 * The review flow's moves from each status that its owners make: forward
 * first, then back. Publishing is a reviewer's approval, not a move.
 */
const MOVES: Record<
  PostmortemStatus,
  Array<{ to: PostmortemStatus; label: string }>
> = {
  draft: [{ to: 'in_review', label: 'Request review' }],
  in_review: [{ to: 'draft', label: 'Back to draft' }],
  published: [{ to: 'in_review', label: 'Back to review' }],
};

/**
 * A postmortem's review flow, draft → in review (→ published by a
 * reviewer's approval), for those allowed to edit it; each move carries the
 * version it was made on.
 *
 * @internal
 */
export const POSTMORTEM_STATUS_MOVES: StatusMovesSpec<
  Postmortem,
  PostmortemStatus
> = {
  permission: reliabilityPostmortemUpdatePermission,
  moves: postmortem =>
    MOVES[postmortem.status].map(move => ({
      ...move,
      primary: move.to === 'in_review' && postmortem.status === 'draft',
    })),
  move: (api, postmortem, status) =>
    api.updatePostmortem(postmortem.id, {
      version: postmortem.version,
      status,
    }),
};
