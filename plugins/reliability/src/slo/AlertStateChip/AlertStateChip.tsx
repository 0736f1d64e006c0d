import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { formatBurnRate } from '../format';

const useStyles = makeStyles(theme => ({
  page: {
    background: theme.palette.error.main,
    color: theme.palette.error.contrastText,
    fontWeight: 600,
  },
  ticket: {
    background: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
    fontWeight: 600,
  },
  ok: {
    background: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
}));

const LABELS = { page: 'Page', ticket: 'Ticket', ok: 'No alert' } as const;

/** Why the alert state is what it is, in words. */
export function alertReason(slo: SloStatus): string {
  const { rule, state } = slo.alert;
  if (!rule || state === 'ok') {
    return 'No burn-rate alert: the budget is not burning fast enough over any window pair.';
  }
  return `${rule.longWindow} and ${
    rule.shortWindow
  } burn rates are both at least ${formatBurnRate(rule.factor)} (${
    rule.name
  }).`;
}

/**
 * The multi-window burn-rate alert state: page, ticket or no alert, with the
 * rule that decided it on hover.
 *
 * @internal
 */
export function AlertStateChip(props: { slo: SloStatus }) {
  const { slo } = props;
  const classes = useStyles();
  const state = slo.alert.state;
  return (
    <Tooltip title={alertReason(slo)}>
      <Chip
        size="small"
        label={LABELS[state]}
        className={classes[state]}
        data-alert-state={state}
      />
    </Tooltip>
  );
}
