import { Link } from '@backstage/core-components';
import { ResultHighlight } from '@backstage/plugin-search-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import {
  Highlighted,
  ReliabilitySearchDocument,
} from '../../runbooks/RunbookSearchResultListItem';
import { POSTMORTEM_STATUS_LABELS } from '../labels';

/** The search document type of postmortems. */
export const POSTMORTEM_SEARCH_TYPE = 'reliability-postmortem';

/**
 * One postmortem in the portal's search results: its title (to the
 * postmortem page), the matching text, its status and entity.
 *
 * @public
 */
export function PostmortemSearchResultListItem(props: {
  result?: ReliabilitySearchDocument | { [key: string]: unknown };
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
  lineClamp?: number;
}) {
  const { highlight, icon, lineClamp = 3 } = props;
  const result = props.result as ReliabilitySearchDocument | undefined;
  if (!result) {
    return null;
  }
  const status =
    result.status &&
    (POSTMORTEM_STATUS_LABELS[
      result.status as keyof typeof POSTMORTEM_STATUS_LABELS
    ] ??
      result.status);
  return (
    <Box display="flex" alignItems="flex-start" width="100%">
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <Box flex={1}>
        <ListItemText
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              <Highlighted
                text={result.title}
                field="title"
                highlight={highlight}
              />
            </Link>
          }
          secondary={
            <Typography
              component="span"
              variant="body2"
              color="textSecondary"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: lineClamp,
                overflow: 'hidden',
              }}
            >
              <Highlighted
                text={result.text}
                field="text"
                highlight={highlight}
              />
            </Typography>
          }
        />
        <Box display="flex" flexWrap="wrap" gridGap={6} mb={1}>
          <Chip size="small" label="Postmortem" style={{ margin: 0 }} />
          {status && (
            <Chip
              size="small"
              variant="outlined"
              label={`status: ${status}`}
              style={{ margin: 0 }}
            />
          )}
          {result.entityRef && (
            <Chip
              size="small"
              variant="outlined"
              label={`entity: ${result.entityRef}`}
              style={{ margin: 0 }}
            />
          )}
        </Box>
      </Box>
    </Box>
  );
}
