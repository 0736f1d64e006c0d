import {
  Postmortem,
  PostmortemStatus,
  reliabilityPostmortemUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { StatusMovesSpec } from '../shared/StatusMoves';

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
 * A postmortem's review flow, draft → in review → published, for those
 * allowed to edit it; each move carries the version it was made on.
 *
 * @internal
 */
export const POSTMORTEM_STATUS_MOVES: StatusMovesSpec<
  Postmortem,
  PostmortemStatus
> = {
  permission: reliabilityPostmortemUpdatePermission,
  moves: postmortem =>
    MOVES[postmortem.status].map((move, i) => ({ ...move, primary: i === 0 })),
  move: (api, postmortem, status) =>
    api.updatePostmortem(postmortem.id, {
      version: postmortem.version,
      status,
    }),
};
