import { Link } from '@backstage/core-components';
import { ResultHighlight } from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { SeverityChip } from '../../incidents/SeverityChip';

/** The search document type of runbooks. */
export const RUNBOOK_SEARCH_TYPE = 'reliability-runbook';

/**
 * A search document as the result list items read it: the standard fields
 * plus the optional ones the Reliability Hub collators add.
 *
 * @internal
 */
export interface ReliabilitySearchDocument {
  title: string;
  text: string;
  location: string;
  entityRef?: string;
  owner?: string;
  severity?: string;
  status?: string;
  stale?: boolean | string;
  alerts?: string[] | string;
}

/** Text, with the search's highlighting when it has some for `field`. */
export function Highlighted(props: {
  text: string;
  field: 'title' | 'text';
  highlight?: ResultHighlight;
}) {
  const { text, field, highlight } = props;
  const highlighted = highlight?.fields?.[field];
  return highlighted ? (
    <HighlightedSearchResultText
      text={highlighted}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    <>{text}</>
  );
}

function alertsOf(document: ReliabilitySearchDocument): string[] {
  const { alerts } = document;
  if (Array.isArray(alerts)) {
    return alerts;
  }
  return typeof alerts === 'string' && alerts
    ? alerts.split(/[,\s]+/).filter(Boolean)
    : [];
}

/**
 * One runbook in the portal's search results: its title (to the runbook
 * page), the matching text, severity, whether its review is overdue, the
 * alerts it answers, entity and owner.
 *
 * @public
 */
export function RunbookSearchResultListItem(props: {
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
  const stale = result.stale === true || result.stale === 'true';
  const alerts = alertsOf(result);
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
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          gridGap={6}
          mb={1}
        >
          <Chip size="small" label="Runbook" style={{ margin: 0 }} />
          {result.severity && <SeverityChip severity={result.severity} />}
          {stale && (
            <Chip
              size="small"
              color="secondary"
              label="Review overdue"
              style={{ margin: 0 }}
            />
          )}
          {alerts.map(alert => (
            <Chip
              key={alert}
              size="small"
              variant="outlined"
              label={`alert: ${alert}`}
              style={{ margin: 0 }}
            />
          ))}
          {result.entityRef && (
            <Chip
              size="small"
              variant="outlined"
              label={`entity: ${result.entityRef}`}
              style={{ margin: 0 }}
            />
          )}
          {result.owner && (
            <Chip
              size="small"
              variant="outlined"
              label={`owner: ${result.owner}`}
              style={{ margin: 0 }}
            />
          )}
        </Box>
      </Box>
    </Box>
  );
}
