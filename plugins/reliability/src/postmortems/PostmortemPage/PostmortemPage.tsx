import { InfoCard } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import EditIcon from '@material-ui/icons/Edit';
import {
  PostmortemDetail,
  reliabilityPostmortemUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import { ActionItemsTable } from '../../actionItems/ActionItemsTable';
import { AddActionItemButton } from '../../actionItems/AddActionItemButton';
import { DetailPage } from '../../shared/DetailPage';
import { useReliabilityLinks } from '../../shared/links';
import { PostmortemEditor } from '../PostmortemEditor';
import { PostmortemOverviewCard } from '../PostmortemOverviewCard';
import { PostmortemRevisions } from '../PostmortemRevisions';
import { PostmortemSections } from '../PostmortemSections';

function Document(props: { postmortem: PostmortemDetail; reload: () => void }) {
  const { postmortem, reload } = props;
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string>();
  const { allowed } = usePermission({
    permission: reliabilityPostmortemUpdatePermission,
    resourceRef: postmortem.entityRef,
  });
  return (
    <InfoCard
      title="Postmortem"
      subheader="Blameless: what happened, why, and what we change"
      action={
        allowed && !editing ? (
          <Box mt={1} mr={1}>
            <Button
              variant="outlined"
              size="small"
              startIcon={<EditIcon />}
              onClick={() => {
                setNotice(undefined);
                setEditing(true);
              }}
            >
              Edit
            </Button>
          </Box>
        ) : undefined
      }
    >
      {notice && (
        <Typography color="error" role="alert" gutterBottom>
          {notice}
        </Typography>
      )}
      {editing ? (
        <PostmortemEditor
          postmortem={postmortem}
          onDone={({ saved, error }) => {
            setEditing(false);
            setNotice(error);
            if (saved || error) {
              reload();
            }
          }}
        />
      ) : (
        <PostmortemSections postmortem={postmortem} />
      )}
    </InfoCard>
  );
}

/**
 * One postmortem: its review status and incidents, the template sections
 * (edited with a Markdown preview), its action items, edited in place, and
 * its revision history.
 *
 * @internal
 */
export function PostmortemPage(props: { postmortemId: string }) {
  const links = useReliabilityLinks();
  return (
    <DetailPage
      id={props.postmortemId}
      load={(api, id) => api.getPostmortem(id)}
      noun="postmortem"
      missingDescription="The link may be wrong. Postmortems of this component are listed on its Incidents tab."
      back={links.backToIncidents}
      header={(postmortem, reload, reloading) => (
        <PostmortemOverviewCard
          postmortem={postmortem}
          onChanged={reload}
          reloading={reloading}
        />
      )}
    >
      {(postmortem, reload) => (
        <>
          <Grid item xs={12}>
            <ActionItemsTable
              title="Action items"
              items={postmortem.actionItems}
              editable={{ entityRef: postmortem.entityRef, onChanged: reload }}
              emptyMessage="No action items yet: what should change so this does not happen again?"
            />
            <Box mt={1}>
              <AddActionItemButton
                postmortemId={postmortem.id}
                entityRef={postmortem.entityRef}
                onAdded={reload}
              />
            </Box>
          </Grid>
          <Grid item xs={12}>
            <Document postmortem={postmortem} reload={reload} />
          </Grid>
          <Grid item xs={12}>
            <PostmortemRevisions revisions={postmortem.revisions ?? []} />
          </Grid>
        </>
      )}
    </DetailPage>
  );
}
