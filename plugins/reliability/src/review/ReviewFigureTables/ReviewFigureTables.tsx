import { TableColumn } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatReviewChange,
  formatReviewFigure,
  ReliabilityReview,
  reviewChangeDirection,
  ReviewFigureRow,
  reviewFigureRows,
} from '@reliability-hub/plugin-reliability-common';
import { ListTable } from '../../shared/ListTable';

const useStyles = makeStyles(theme => ({
  better: { color: theme.palette.success.main, fontWeight: 600 },
  worse: { color: theme.palette.error.main, fontWeight: 600 },
  same: { color: theme.palette.text.secondary },
  number: { whiteSpace: 'nowrap' },
}));

/**
 * Where people read: every figure of the review, one table per section,
 * this period beside the previous one with the change coloured for the
 * better or the worse.
 *
 * @internal
 */
export function ReviewFigureTables(props: { review: ReliabilityReview }) {
  const { review } = props;
  const classes = useStyles();
  const rows = reviewFigureRows(review);
  const sections = [...new Set(rows.map(row => row.section))];
  const columns: TableColumn<ReviewFigureRow>[] = [
    { title: 'Figure', field: 'label', width: '55%' },
    {
      title: 'This period',
      align: 'right',
      render: row => (
        <strong className={classes.number}>
          {formatReviewFigure(row.current, row.format)}
        </strong>
      ),
    },
    {
      title: 'Previous',
      align: 'right',
      render: row => (
        <span className={classes.number}>
          {formatReviewFigure(row.previous, row.format)}
        </span>
      ),
    },
    {
      title: 'Change',
      align: 'right',
      render: row => (
        <span
          className={`${classes.number} ${classes[reviewChangeDirection(row)]}`}
        >
          {formatReviewChange(row)}
        </span>
      ),
    },
  ];
  return (
    <Grid container spacing={2}>
      {sections.map(section => (
        <Grid item xs={12} md={6} key={section} className="review-section">
          <ListTable<ReviewFigureRow>
            title={section}
            columns={columns}
            data={rows.filter(row => row.section === section)}
            emptyMessage="No figures."
            // The rows are read in this order: no column dragging or sorting.
            options={{ draggable: false }}
          />
        </Grid>
      ))}
    </Grid>
  );
}
