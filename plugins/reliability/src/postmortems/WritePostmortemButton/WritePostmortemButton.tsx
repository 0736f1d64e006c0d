import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import DescriptionIcon from '@material-ui/icons/Description';
import { reliabilityPostmortemCreatePermission } from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { reliabilityApiRef } from '../../api';
import { useReliabilityLinks } from '../../shared/links';
import { writeErrorMessage } from '../../shared/writeErrors';

/**
 * "Write postmortem": starts a postmortem of the incident (its timeline
 * pre-filled by the backend) and opens it, for those allowed to.
 *
 * @internal
 */
export function WritePostmortemButton(props: {
  entityRef: string;
  incidentId: string;
}) {
  const { entityRef, incidentId } = props;
  const api = useApi(reliabilityApiRef);
  const navigate = useNavigate();
  const links = useReliabilityLinks();
  const { allowed } = usePermission({
    permission: reliabilityPostmortemCreatePermission,
    resourceRef: entityRef,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  if (!allowed) {
    return null;
  }

  const write = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const postmortem = await api.createPostmortem({
        entityRef,
        incidentIds: [incidentId],
      });
      navigate(links.postmortem(postmortem.entityRef, postmortem.id));
    } catch (e) {
      setError(writeErrorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Button
        variant="outlined"
        size="small"
        startIcon={<DescriptionIcon />}
        disabled={busy}
        onClick={write}
      >
        Write postmortem
      </Button>
      {error && (
        <Typography color="error" role="alert" variant="body2">
          {error}
        </Typography>
      )}
    </Box>
  );
}
