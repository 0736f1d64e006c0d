import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { tierColor } from '../tierColors';

const useStyles = makeStyles(theme => ({
  box: {
    borderLeft: '4px solid',
    paddingLeft: theme.spacing(1.5),
    paddingTop: theme.spacing(0.5),
    paddingBottom: theme.spacing(0.5),
    background: theme.palette.action.hover,
    borderRadius: 2,
  },
  name: { fontWeight: 600 },
}));

/**
 * The error-budget policy tier the SLO is in, what the team is asked to do,
 * and who approves exceptions.
 *
 * @internal
 */
export function TierPolicy(props: { slo: SloStatus; hideAction?: boolean }) {
  const { slo, hideAction } = props;
  const classes = useStyles();
  const tier = slo.tier;
  if (!tier) {
    return null;
  }
  const color = tierColor(tier.index);
  return (
    <Box
      className={classes.box}
      style={{ borderColor: color }}
      aria-label={`Policy tier: ${tier.name}`}
      role="note"
    >
      <Typography variant="body2" className={classes.name} style={{ color }}>
        Tier {tier.index + 1}: {tier.name}
      </Typography>
      {!hideAction && <Typography variant="body2">{tier.action}</Typography>}
    </Box>
  );
}
