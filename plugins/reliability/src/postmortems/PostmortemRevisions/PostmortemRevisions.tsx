import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  POSTMORTEM_FIELD_LABELS,
  PostmortemRevision,
} from '@reliability-hub/plugin-reliability-common';
import { exactTime } from '../../shared/time';

/** What a revision did, in words. */
function revisionText(revision: PostmortemRevision): string {
  const fields = revision.changed.map(
    key => POSTMORTEM_FIELD_LABELS[key] ?? key,
  );
  const edited = fields.length ? `changed ${fields.join(', ')}` : '';
  const also = (text: string) => (edited ? `${text}; ${edited}` : text);
  switch (revision.action) {
    case 'created':
      return 'wrote the first draft';
    case 'review_requested':
      return also('requested review');
    case 'approved':
      return also('approved it, which published it');
    case 'returned':
      return also(
        revision.status === 'draft'
          ? 'moved it back to draft'
          : 'reopened it for review',
      );
    default:
      return edited || 'saved it unchanged';
  }
}

/**
 * The postmortem's revision history, newest first: who changed which of its
 * parts, and when; changes after publication are marked.
 *
 * @internal
 */
export function PostmortemRevisions(props: {
  revisions: PostmortemRevision[];
}) {
  const { revisions } = props;
  if (!revisions.length) {
    return null;
  }
  return (
    <InfoCard title="Revision history" subheader="Who changed what, and when">
      <Box component="ol" m={0} pl={0} style={{ listStyle: 'none' }}>
        {revisions.map((revision, i) => {
          const afterPublication =
            revision.action === 'edited' && revision.status === 'published';
          return (
            <Box
              component="li"
              key={revision.version}
              py={1}
              borderTop={i ? 1 : 0}
              borderColor="grey.300"
            >
              <Typography variant="body2" component="div">
                <EntityRefLink entityRef={revision.actor} defaultKind="user" />{' '}
                {revisionText(revision)}
                {afterPublication && ' after publication'}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                {exactTime(revision.at)} · version {revision.version}
              </Typography>
            </Box>
          );
        })}
      </Box>
    </InfoCard>
  );
}
