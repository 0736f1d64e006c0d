import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { ReactNode } from 'react';
import { relativeTime } from '../../shared/time';
import { formatBudgetPercent, formatSli } from '../format';

const useStyles = makeStyles(theme => ({
  notice: {
    borderLeft: '4px solid',
    padding: theme.spacing(1, 1.5),
    borderRadius: 2,
  },
  info: {
    borderColor: theme.palette.info.main,
    background: `${theme.palette.info.main}14`,
  },
  warning: {
    borderColor: theme.palette.warning.main,
    background: `${theme.palette.warning.main}1f`,
  },
}));

function Notice(props: { kind: 'info' | 'warning'; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Box role="status" className={`${classes.notice} ${classes[props.kind]}`}>
      {props.children}
    </Box>
  );
}

/**
 * What to say instead of figures when an SLO has none that are current:
 * not evaluated yet, no events in the window, or the SLI source failing. A
 * failing source never has its old figures shown as current; the last good
 * ones are named as such.
 *
 * @internal
 */
export function SloStateNotice(props: { slo: SloStatus }) {
  const { slo } = props;
  switch (slo.state) {
    case 'pending':
      return (
        <Notice kind="info">
          <Typography variant="body2">
            <strong>Not evaluated yet.</strong> The first figures come with the
            next scheduled evaluation.
          </Typography>
        </Notice>
      );
    case 'no-data':
      return (
        <Notice kind="info">
          <Typography variant="body2">
            <strong>No events in the SLO window.</strong>{' '}
            {slo.stateMessage ??
              `Check that the ${slo.sourceType} query matches traffic.`}
          </Typography>
        </Notice>
      );
    case 'source-unavailable':
      return (
        <Notice kind="warning">
          <Typography variant="body2">
            <strong>SLI source unavailable.</strong>{' '}
            {slo.stateMessage ?? `The ${slo.sourceType} source did not answer.`}
          </Typography>
          {slo.sli !== null && slo.evaluatedAt ? (
            <Typography variant="caption" color="textSecondary">
              Last good data, {relativeTime(slo.evaluatedAt)}: SLI{' '}
              {formatSli(slo.sli, slo.target)},{' '}
              {formatBudgetPercent(slo.budget.remainingFraction)} budget left.
            </Typography>
          ) : (
            <Typography variant="caption" color="textSecondary">
              No current figures: they come back with the source.
            </Typography>
          )}
        </Notice>
      );
    default:
      return null;
  }
}
