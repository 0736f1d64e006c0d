import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import DescriptionIcon from '@material-ui/icons/Description';
import { reliabilityPostmortemCreatePermission } from '@reliability-hub/plugin-reliability-common';
import { useNavigate } from 'react-router-dom';
import { reliabilityApiRef } from '../../api';
import { useReliabilityLinks } from '../../shared/links';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';

/**
 * "Write postmortem": starts a postmortem of the incident (its timeline
 * pre-filled by the backend) and opens it, for those allowed to. Once the
 * incident has one, "Open postmortem" leads to it instead: one postmortem
 * per incident.
 *
 * @internal
 */
export function WritePostmortemButton(props: {
  entityRef: string;
  incidentId: string;
  /** The postmortem the incident has already, if any. */
  existing?: { id: string };
}) {
  const { entityRef, incidentId, existing } = props;
  const api = useApi(reliabilityApiRef);
  const navigate = useNavigate();
  const links = useReliabilityLinks();
  const { allowed } = usePermission({
    permission: reliabilityPostmortemCreatePermission,
    resourceRef: entityRef,
  });
  const { busy, error, run } = useWrite(
    () => api.createPostmortem({ entityRef, incidentIds: [incidentId] }),
    {
      onSuccess: postmortem =>
        navigate(links.postmortem(postmortem.entityRef, postmortem.id)),
    },
  );

  if (existing) {
    return (
      <Button
        variant="outlined"
        size="small"
        startIcon={<DescriptionIcon />}
        onClick={() => navigate(links.postmortem(entityRef, existing.id))}
      >
        Open postmortem
      </Button>
    );
  }
  if (!allowed) {
    return null;
  }

  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Button
        variant="outlined"
        size="small"
        startIcon={<DescriptionIcon />}
        disabled={busy}
        onClick={() => run()}
      >
        Write postmortem
      </Button>
      <WriteError error={error} />
    </Box>
  );
}
