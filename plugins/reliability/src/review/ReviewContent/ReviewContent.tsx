import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatReviewChange,
  formatReviewFigure,
  ReliabilityReview,
  reviewChangeDirection,
  ReviewFigureRow,
  reviewFigureRows,
  reviewToCsv,
  reviewToMarkdown,
} from '@reliability-hub/plugin-reliability-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { SummaryError } from '../../summary/SummaryError';
import { exactTime } from '../../shared/time';
import { statusOf, writeErrorMessage } from '../../shared/writeErrors';
import { downloadText } from '../download';
import { ReviewCharts } from '../ReviewCharts';
import { ReviewFigureTables } from '../ReviewFigureTables';
import {
  ReviewAction,
  ReviewControls,
  ReviewSelection,
} from '../ReviewControls';

const useStyles = makeStyles(theme => ({
  // Printed, the review is the page: no navigation, no controls, and no
  // card or chart split over two sheets.
  '@global': {
    '@media print': {
      'nav, header, [role="tablist"], .review-no-print': {
        display: 'none !important',
      },
      // The sidebar is hidden: the page need not leave room for it.
      '[class*="BackstageSidebarPage-root"]': {
        paddingLeft: '0 !important',
      },
      'main, #root, body': { overflow: 'visible !important' },
      '.review-section, .review-charts > *, .review-headline': {
        breakInside: 'avoid',
      },
      '.review-charts > *': {
        maxWidth: '100% !important',
        flexBasis: '100% !important',
      },
    },
  },
  headline: {
    padding: theme.spacing(1.5, 2),
    height: '100%',
  },
  value: { fontSize: '1.6rem', fontWeight: 600, lineHeight: 1.2 },
  better: { color: theme.palette.success.main },
  worse: { color: theme.palette.error.main },
  same: { color: theme.palette.text.secondary },
  printTitle: { display: 'none', '@media print': { display: 'block' } },
}));

/** The figures at the top: the few a meeting opens with. */
const HEADLINES = [
  'SLOs met at period end',
  'Incidents',
  'MTTR (mean time to resolve)',
  'Published on time',
  'Done within 30 days (target 90 %)',
  'Pages (incidents from alerts)',
];

function Headline(props: { row: ReviewFigureRow }) {
  const { row } = props;
  const classes = useStyles();
  const change = formatReviewChange(row);
  return (
    <Paper variant="outlined" className={`${classes.headline} review-headline`}>
      <Typography variant="caption" color="textSecondary">
        {row.label}
      </Typography>
      <Typography className={classes.value}>
        {formatReviewFigure(row.current, row.format)}
      </Typography>
      <Typography
        variant="body2"
        className={classes[reviewChangeDirection(row)]}
      >
        {change
          ? `${change} vs. ${formatReviewFigure(row.previous, row.format)}`
          : 'no figure to compare'}
      </Typography>
    </Paper>
  );
}

function slug(text: string) {
  return text.toLocaleLowerCase('en-US').replace(/[^a-z0-9]+/g, '-');
}

function titleOf(review: ReliabilityReview, scopeName: string) {
  const { start, end } = review.current.period;
  return `Reliability review: ${scopeName}, ${start} – ${end}`;
}

/**
 * The reliability review of a group, a system or (without `entityRef`) the
 * organisation: the period's figures beside the previous period's, charts of
 * the trends, tables to read, and exports for the meeting notes.
 *
 * @internal
 */
export function ReviewContent(props: {
  /** The group or system of the page; omit on the organisation's page. */
  entityRef?: string;
  /** How the review names what it covers, e.g. the group's title. */
  scopeName?: string;
}) {
  const api = useApi(reliabilityApiRef);
  const classes = useStyles();
  const [selection, setSelection] = useState<ReviewSelection>({
    period: 'month',
  });
  const entityRef = props.entityRef ?? selection.entityRef;
  const incomplete =
    selection.period === 'custom' && (!selection.start || !selection.end);
  const state = useAsync(
    async () =>
      incomplete
        ? undefined
        : api.getReview({
            entityRef,
            period: selection.period,
            start: selection.start,
            end: selection.period === 'custom' ? selection.end : undefined,
          }),
    [api, entityRef, selection.period, selection.start, selection.end],
  );
  const review = state.value;
  const scopeName =
    props.scopeName ??
    (entityRef
      ? entityRef.replace(/^[a-z]+:(default\/)?/, '')
      : 'the organisation');
  const exportName = review
    ? `reliability-review-${slug(scopeName)}-${review.current.period.start}`
    : '';

  const actions = (
    <>
      <ReviewAction
        disabled={!review}
        onClick={() =>
          review &&
          downloadText(
            `${exportName}.md`,
            'text/markdown',
            reviewToMarkdown(review, titleOf(review, scopeName)),
          )
        }
      >
        Export Markdown
      </ReviewAction>
      <ReviewAction
        disabled={!review}
        onClick={() =>
          review &&
          downloadText(`${exportName}.csv`, 'text/csv', reviewToCsv(review))
        }
      >
        Export CSV
      </ReviewAction>
      <ReviewAction disabled={!review} onClick={() => window.print()}>
        Print
      </ReviewAction>
    </>
  );

  const rows = review ? reviewFigureRows(review) : [];
  return (
    <>
      <ReviewControls
        selection={selection}
        onChange={setSelection}
        pickGroup={!props.entityRef}
        actions={actions}
      />
      {incomplete && (
        <Typography color="textSecondary">
          Choose the first and the last day of the range.
        </Typography>
      )}
      {state.loading && <Progress />}
      {state.error &&
        (statusOf(state.error) === 400 ? (
          <WarningPanel
            severity="warning"
            title="This period cannot be reviewed"
            message={writeErrorMessage(state.error)}
          />
        ) : (
          <SummaryError error={state.error} title="Could not load the review" />
        ))}
      {review && (
        <>
          <Typography variant="h5" className={classes.printTitle}>
            {titleOf(review, scopeName)}
          </Typography>
          <Box mb={2}>
            <Typography variant="subtitle1">
              <strong>
                {review.current.period.start} – {review.current.period.end}
              </strong>{' '}
              beside {review.previous.period.start} –{' '}
              {review.previous.period.end}
              {review.componentCount !== null &&
                ` · ${review.componentCount} component${
                  review.componentCount === 1 ? '' : 's'
                } you can see`}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              Figures as of {exactTime(review.generatedAt)}; computed at most
              once a minute
            </Typography>
          </Box>
          <Grid container spacing={2}>
            {HEADLINES.map(label => {
              const row = rows.find(r => r.label === label);
              return row ? (
                <Grid item xs={6} sm={4} md={2} key={label}>
                  <Headline row={row} />
                </Grid>
              ) : null;
            })}
          </Grid>
          <Box mt={2} mb={2}>
            <ReviewCharts review={review} />
          </Box>
          <ReviewFigureTables review={review} />
        </>
      )}
    </>
  );
}
