import { DEFAULT_NAMESPACE, parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { ResultHighlight } from '@backstage/plugin-search-common';
import { markdownToPlainText } from '@reliability-hub/plugin-reliability-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/**
 * A search document as the result list items read it: the standard fields
 * plus the optional ones the Reliability Hub collators add.
 *
 * @public
 */
export interface ReliabilitySearchDocument {
  title: string;
  text: string;
  location: string;
  entityRef?: string;
  owner?: string;
  severity?: string;
  /** A postmortem's: the severities of the incidents it covers. */
  severities?: string[] | string;
  /** A postmortem's: the kind of drill when it is a drill's debrief. */
  drill?: string;
  status?: string;
  stale?: boolean | string;
  alerts?: string[] | string;
}

/**
 * The props the portal's search page passes to the runbook and postmortem
 * result list items.
 *
 * @public
 */
export interface ReliabilitySearchResultListItemProps {
  result?: ReliabilitySearchDocument | { [key: string]: unknown };
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
  lineClamp?: number;
}

const PRE = '\uE000';
const POST = '\uE001';

/**
 * A snippet as plain text: documents hold Markdown, and the search's
 * highlighting tags must survive the conversion, so they stand in as
 * private-use characters while it runs.
 */
export function plainSnippet(
  text: string,
  tags?: { preTag: string; postTag: string },
): string {
  if (!tags) {
    return markdownToPlainText(text);
  }
  return markdownToPlainText(
    text.split(tags.preTag).join(PRE).split(tags.postTag).join(POST),
  )
    .split(PRE)
    .join(tags.preTag)
    .split(POST)
    .join(tags.postTag);
}

/** Text, with the search's highlighting when it has some for `field`. */
function Highlighted(props: {
  text: string;
  field: 'title' | 'text';
  highlight?: ResultHighlight;
}) {
  const { text, field, highlight } = props;
  const highlighted = highlight?.fields?.[field];
  const plain = (value: string, tags?: ResultHighlight) =>
    field === 'text' ? plainSnippet(value, tags) : value;
  return highlighted ? (
    <HighlightedSearchResultText
      text={plain(highlighted, highlight)}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    <>{plain(text)}</>
  );
}

/**
 * The chip naming a result's entity as people say it: `component: checkout`,
 * with the namespace only when it is not the default one.
 */
export function EntityFactChip(props: { entityRef: string }) {
  let label = props.entityRef;
  try {
    const { kind, namespace, name } = parseEntityRef(props.entityRef);
    label = `${kind.toLocaleLowerCase('en-US')}: ${
      namespace === DEFAULT_NAMESPACE ? name : `${namespace}/${name}`
    }`;
  } catch {
    // An index written by another version may hold anything; show it as is.
  }
  return <FactChip outlined label={label} />;
}

/**
 * A list field of a search document: an array, or (from engines that store
 * fields as text) a comma- or space-separated string.
 */
export function listField(value: string[] | string | undefined): string[] {
  if (Array.isArray(value)) {
    return value;
  }
  return typeof value === 'string' && value
    ? value.split(/[,\s]+/).filter(Boolean)
    : [];
}

/** A small chip in a result's facts row. */
export function FactChip(props: {
  label: string;
  outlined?: boolean;
  color?: 'secondary';
}) {
  return (
    <Chip
      size="small"
      label={props.label}
      color={props.color}
      variant={props.outlined ? 'outlined' : 'default'}
      style={{ margin: 0 }}
    />
  );
}

/**
 * One Reliability Hub record in the portal's search results: the title (a
 * link to our page), the matching text with the search's highlighting, and a
 * row of facts (`children`, usually {@link FactChip}s).
 *
 * @internal
 */
export function SearchResultItem(
  props: {
    result: ReliabilitySearchDocument;
    children: ReactNode;
  } & Omit<ReliabilitySearchResultListItemProps, 'result'>,
) {
  const { result, highlight, icon, lineClamp = 3, children } = props;
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
          {children}
        </Box>
      </Box>
    </Box>
  );
}
