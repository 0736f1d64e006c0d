import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/Check';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  Postmortem,
  reliabilityPostmortemUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { reliabilityApiRef } from '../../api';
import { useReliabilityLinks } from '../../shared/links';
import { useSignedInUser } from '../../shared/people';
import { exactTime } from '../../shared/time';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';
import { WriteError } from '../../shared/WriteError';

/** Asks before discarding: its action items go with it. */
function DiscardDraftDialog(props: {
  postmortem: Postmortem;
  actionItems: number;
  onClose: () => void;
}) {
  const { postmortem, actionItems, onClose } = props;
  const api = useApi(reliabilityApiRef);
  const navigate = useNavigate();
  const links = useReliabilityLinks();
  const write = useWrite(
    () => api.discardPostmortem(postmortem.id, postmortem.version),
    {
      onSuccess: () =>
        navigate(
          postmortem.incidentIds.length === 1
            ? links.incident(postmortem.entityRef, postmortem.incidentIds[0])
            : links.backToIncidents(postmortem).to,
        ),
    },
  );
  return (
    <WriteDialog
      title="Discard this draft?"
      formLabel="Discard draft"
      write={write}
      submitLabel="Discard draft"
      busyLabel="Discarding…"
      onClose={onClose}
    >
      <Typography variant="body2" gutterBottom>
        The draft
        {actionItems ? ` and its ${actionItems} action item(s)` : ''} are
        deleted, and its incident can have a new postmortem written. The change
        history keeps what it was.
      </Typography>
    </WriteDialog>
  );
}

/**
 * Where a postmortem stands in its review, and what the signed-in person may
 * do about it: who approved it and when; "Approve and publish" for a
 * reviewer other than its author (named, or a member of a team named);
 * "Discard draft" for its author and owners. The backend decides again.
 *
 * @internal
 */
export function PostmortemReview(props: {
  postmortem: Postmortem;
  actionItems: number;
  onChanged: () => void;
  reloading?: boolean;
}) {
  const { postmortem, actionItems, onChanged, reloading } = props;
  const api = useApi(reliabilityApiRef);
  const { userRef, ownershipRefs } = useSignedInUser();
  const { allowed } = usePermission({
    permission: reliabilityPostmortemUpdatePermission,
    resourceRef: postmortem.entityRef,
  });
  const [discarding, setDiscarding] = useState(false);
  const approve = useWrite(
    () => api.approvePostmortem(postmortem.id, { version: postmortem.version }),
    { onSuccess: onChanged, onConflict: onChanged },
  );

  const isAuthor = userRef === postmortem.author;
  const isReviewer = postmortem.reviewers.some(ref =>
    (ownershipRefs ?? []).includes(ref),
  );
  const inReview = postmortem.status === 'in_review';

  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      {postmortem.approvedBy && (
        <Typography variant="body2" component="div">
          Approved by{' '}
          <EntityRefLink entityRef={postmortem.approvedBy} defaultKind="user" />
          , {exactTime(postmortem.approvedAt)}
        </Typography>
      )}
      {inReview && (
        <Typography variant="body2" color="textSecondary" component="div">
          {postmortem.reviewers.length ? (
            <>
              Waiting for approval by{' '}
              <EntityRefLinks
                entityRefs={postmortem.reviewers.filter(
                  ref => ref !== postmortem.author,
                )}
                defaultKind="user"
              />
              {isAuthor && ': a reviewer other than you approves it'}
            </>
          ) : (
            'No reviewers: add one to have it approved'
          )}
        </Typography>
      )}
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        {inReview && isReviewer && !isAuthor && (
          <Button
            variant="contained"
            color="primary"
            size="small"
            startIcon={<CheckIcon />}
            disabled={approve.busy || reloading}
            onClick={() => approve.run()}
          >
            Approve and publish
          </Button>
        )}
        {postmortem.status === 'draft' && (isAuthor || allowed) && (
          <Button
            size="small"
            startIcon={<DeleteIcon />}
            onClick={() => setDiscarding(true)}
            disabled={reloading}
          >
            Discard draft
          </Button>
        )}
        <WriteError error={approve.error} />
      </Box>
      {discarding && (
        <DiscardDraftDialog
          postmortem={postmortem}
          actionItems={actionItems}
          onClose={() => setDiscarding(false)}
        />
      )}
    </Box>
  );
}
