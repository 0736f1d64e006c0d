import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { PostmortemDetail } from '@reliability-hub/plugin-reliability-common';
import { DrillChip, SeverityChip } from '../../incidents/SeverityChip';
import { useReliabilityLinks } from '../../shared/links';
import { StatusMoves } from '../../shared/StatusMoves';
import { exactTime } from '../../shared/time';
import { POSTMORTEM_STATUS_MOVES } from '../postmortemStatusMoves';
import { PostmortemReview } from '../PostmortemReview';
import { PostmortemStatusChip } from '../PostmortemStatusChip';

/**
 * The head of a postmortem: title, review status with the buttons to move
 * it on, author, reviewers, and the incidents it covers.
 *
 * @internal
 */
export function PostmortemOverviewCard(props: {
  postmortem: PostmortemDetail;
  onChanged: () => void;
  /** The postmortem is being reloaded after a change: its version is stale. */
  reloading?: boolean;
}) {
  const { postmortem, onChanged, reloading } = props;
  const links = useReliabilityLinks();
  return (
    <InfoCard
      title={postmortem.title}
      subheader={
        <Box display="flex" alignItems="center" gridGap={12} mt={0.5}>
          <PostmortemStatusChip status={postmortem.status} />
          <DrillChip drill={postmortem.drill} />
          <Typography variant="body2" color="textSecondary" component="span">
            by{' '}
            <EntityRefLink entityRef={postmortem.author} defaultKind="user" />
            {postmortem.publishedAt &&
              `, published ${exactTime(postmortem.publishedAt)}`}
          </Typography>
        </Box>
      }
    >
      <Typography variant="body2" component="div">
        Reviewers:{' '}
        {postmortem.reviewers.length ? (
          <EntityRefLinks
            entityRefs={postmortem.reviewers}
            defaultKind="user"
          />
        ) : (
          'none yet: pick them with Edit'
        )}
      </Typography>
      <Typography variant="overline" color="textSecondary" component="div">
        Incidents
      </Typography>
      {postmortem.incidents.map(incident => (
        <Box
          key={incident.id}
          display="flex"
          alignItems="center"
          gridGap={8}
          mb={0.5}
        >
          <SeverityChip severity={incident.severity} />
          <DrillChip drill={incident.drill} />
          <Link to={links.incident(postmortem.entityRef, incident.id)}>
            {incident.title}
          </Link>
          <Typography variant="caption" color="textSecondary">
            {exactTime(incident.startedAt)}
          </Typography>
        </Box>
      ))}
      <Box mt={2} display="flex" flexDirection="column" gridGap={8}>
        <PostmortemReview
          postmortem={postmortem}
          actionItems={postmortem.actionItems.length}
          onChanged={onChanged}
          reloading={reloading}
        />
        <StatusMoves
          spec={POSTMORTEM_STATUS_MOVES}
          record={postmortem}
          onChanged={onChanged}
          reloading={reloading}
        />
      </Box>
    </InfoCard>
  );
}
