import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { formatBudgetPercent, formatRemainingMinutes } from '../format';
import { tierColor } from '../tierColors';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 10,
    borderRadius: 5,
    background: theme.palette.action.hover,
    overflow: 'hidden',
  },
  overspent: {
    background: `repeating-linear-gradient(45deg, ${theme.palette.error.light}55, ${theme.palette.error.light}55 6px, ${theme.palette.error.main}33 6px, ${theme.palette.error.main}33 12px)`,
  },
  fill: {
    height: '100%',
    borderRadius: 5,
    transition: 'width 300ms ease-out',
  },
  labels: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginTop: 2,
    whiteSpace: 'nowrap',
  },
}));

/**
 * The error budget left as a bar coloured by the policy tier, with the share
 * left (negative when overspent) and the time left; `label` picks which of
 * the two to write under it where space is short.
 *
 * @internal
 */
export function BudgetBar(props: {
  slo: SloStatus;
  label?: 'both' | 'percent' | 'minutes';
}) {
  const { slo, label = 'both' } = props;
  const classes = useStyles();
  const remaining = slo.budget.remainingFraction;
  if (remaining === null) {
    return null;
  }
  const width = Math.max(0, Math.min(1, remaining)) * 100;
  const percent = formatBudgetPercent(remaining);
  const minutes = formatRemainingMinutes(slo);
  const color = tierColor(slo.tier?.index);
  return (
    <Box>
      <div
        role="progressbar"
        aria-label={`Error budget left for ${slo.displayName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(remaining * 100)}
        aria-valuetext={`${percent} of the error budget left`}
        data-tier={slo.tier?.name}
        className={`${classes.track} ${remaining < 0 ? classes.overspent : ''}`}
      >
        <div
          className={classes.fill}
          style={{ width: `${width}%`, background: color }}
        />
      </div>
      <div className={classes.labels}>
        {label !== 'minutes' && (
          <Typography variant="caption" style={{ color, fontWeight: 600 }}>
            {percent} {remaining < 0 ? 'budget (overspent)' : 'budget left'}
          </Typography>
        )}
        {minutes && label !== 'percent' && (
          <Typography variant="caption" color="textSecondary">
            {minutes}
          </Typography>
        )}
      </div>
    </Box>
  );
}
