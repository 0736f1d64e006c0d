import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import { RunbookRecord } from '@reliability-hub/plugin-reliability-common';
import { staleText } from '../format';

const useStyles = makeStyles(theme => ({
  chip: {
    margin: 0,
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
    fontWeight: 600,
  },
  icon: { color: 'inherit' },
}));

/**
 * "Review overdue since …" on a runbook whose review date has passed (or
 * that was never reviewed); nothing on a current one.
 *
 * @internal
 */
export function StaleBadge(props: {
  runbook: Pick<RunbookRecord, 'stale' | 'reviewDue' | 'lastReviewed'>;
}) {
  const classes = useStyles();
  if (!props.runbook.stale) {
    return null;
  }
  return (
    <Chip
      size="small"
      className={classes.chip}
      icon={<WarningIcon className={classes.icon} fontSize="small" />}
      label={staleText(props.runbook)}
    />
  );
}
