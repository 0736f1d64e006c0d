import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { ReactNode } from 'react';
import { exactTime, relativeTime } from '../../shared/time';
import { AlertStateChip, alertReason } from '../AlertStateChip';
import { BudgetBar } from '../BudgetBar';
import {
  formatBudgetPercent,
  formatBurnRate,
  formatSli,
  formatTarget,
  formatThreshold,
  formatTimeWindow,
} from '../format';
import { forecastText } from '../SloCardItem';
import { SloStateNotice } from '../SloStateNotice';
import { TierPolicy } from '../TierPolicy';

const useStyles = makeStyles(theme => ({
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    letterSpacing: 0.5,
    fontSize: '0.7rem',
  },
  big: { fontSize: '2rem', fontWeight: 600, lineHeight: 1.2 },
}));

function Figure(props: { label: string; value: ReactNode; note?: ReactNode }) {
  const classes = useStyles();
  return (
    <div role="group" aria-label={props.label}>
      <Typography className={classes.label}>{props.label}</Typography>
      <Typography component="div" className={classes.big}>
        {props.value}
      </Typography>
      {props.note && (
        <Typography variant="caption" color="textSecondary" component="div">
          {props.note}
        </Typography>
      )}
    </div>
  );
}

/**
 * The big figures of one SLO objective: SLI against the objective, budget
 * left, 1h burn rate with the alert state, the forecast, and the policy tier.
 *
 * @internal
 */
export function SloHeadline(props: { slo: SloStatus }) {
  const { slo } = props;
  const threshold = formatThreshold(slo);
  const window = `${formatTimeWindow(slo)} · ${slo.budgetingMethod}${
    threshold ? ` · ${threshold}` : ''
  }`;
  if (slo.state !== 'ok') {
    return (
      <>
        <Typography variant="body2" gutterBottom>
          Objective {formatTarget(slo.target)} · {window}
        </Typography>
        <SloStateNotice slo={slo} />
      </>
    );
  }
  const { forecast } = slo;
  return (
    <>
      <Grid container spacing={3}>
        <Grid item xs={6} md={3}>
          <Figure
            label="SLI"
            value={formatSli(slo.sli, slo.target)}
            note={`objective ${formatTarget(slo.target)} · ${window}`}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Figure
            label="Budget left"
            value={formatBudgetPercent(slo.budget.remainingFraction)}
            note={<BudgetBar slo={slo} label="minutes" />}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Figure
            label="Burn rate (1h)"
            value={
              <>
                {formatBurnRate(slo.burnRates['1h'])}{' '}
                <AlertStateChip slo={slo} />
              </>
            }
            note={alertReason(slo)}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Figure
            label="Forecast"
            value={
              <span style={{ fontSize: '1.25rem' }}>{forecastText(slo)}</span>
            }
            note={
              forecast.remainingIn24h !== null &&
              forecast.remainingIn7d !== null
                ? `${formatBudgetPercent(
                    forecast.remainingIn24h,
                  )} left in 24 h, ${formatBudgetPercent(
                    forecast.remainingIn7d,
                  )} in 7 days at this rate`
                : undefined
            }
          />
        </Grid>
      </Grid>
      <Box mt={2}>
        <TierPolicy slo={slo} />
      </Box>
      {slo.evaluatedAt && (
        <Box mt={1}>
          <Typography
            variant="caption"
            color="textSecondary"
            title={exactTime(slo.evaluatedAt)}
          >
            Data as of {relativeTime(slo.evaluatedAt)}
            {slo.good !== null && slo.total !== null
              ? ` · ${slo.good.toLocaleString(
                  'en-US',
                )} good of ${slo.total.toLocaleString('en-US')} ${
                  slo.budgetingMethod === 'Timeslices' ? 'slices' : 'events'
                }`
              : ''}
          </Typography>
        </Box>
      )}
    </>
  );
}
