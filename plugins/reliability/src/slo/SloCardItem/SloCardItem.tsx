import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { ReactNode } from 'react';
import { exactTime, relativeTime } from '../../shared/time';
import { AlertStateChip } from '../AlertStateChip';
import { BudgetBar } from '../BudgetBar';
import {
  formatBurnRate,
  formatSli,
  formatTarget,
  formatThreshold,
} from '../format';
import { SloStateNotice } from '../SloStateNotice';
import { TierPolicy } from '../TierPolicy';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  name: { fontWeight: 600, fontSize: '1rem' },
  sli: { fontSize: '1.5rem', fontWeight: 600, lineHeight: 1.2 },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(1, 0),
  },
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    letterSpacing: 0.5,
    fontSize: '0.7rem',
  },
}));

function Fact(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <div>
      <Typography className={classes.label}>{props.label}</Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </div>
  );
}

/** When the budget runs out, in words. */
export function forecastText(slo: SloStatus): string {
  const remaining = slo.budget.remainingFraction;
  if (remaining !== null && remaining <= 0) {
    return 'Exhausted';
  }
  if (slo.forecast.exhaustionAt) {
    return `Runs out ${relativeTime(slo.forecast.exhaustionAt)}`;
  }
  return 'Not burning';
}

/**
 * One SLO objective on the entity card: SLI against the objective, budget
 * bar in the tier's colour, 1h burn rate and alert state, the policy tier and
 * its action, the exhaustion forecast, and how fresh the data is.
 *
 * @internal
 */
export function SloCardItem(props: { slo: SloStatus; link: string }) {
  const { slo, link } = props;
  const classes = useStyles();
  const current = slo.state === 'ok';
  return (
    <section aria-label={`SLO ${slo.displayName}`}>
      <div className={classes.header}>
        <Link to={link} className={classes.name}>
          {slo.displayName}
        </Link>
        {current && <AlertStateChip slo={slo} />}
      </div>
      {slo.description && (
        <Typography variant="caption" color="textSecondary">
          {slo.description}
        </Typography>
      )}
      {slo.threshold && (
        <Typography variant="caption" color="textSecondary" component="div">
          Threshold SLI: {formatThreshold(slo)}
        </Typography>
      )}
      {current ? (
        <>
          <div className={classes.facts}>
            <Fact label="SLI / objective">
              <span className={classes.sli}>
                {formatSli(slo.sli, slo.target)}
              </span>{' '}
              / {formatTarget(slo.target)}
            </Fact>
            <Fact label="Burn rate (1h)">
              <span className={classes.sli}>
                {formatBurnRate(slo.burnRates['1h'])}
              </span>
            </Fact>
            <Fact label="Forecast">{forecastText(slo)}</Fact>
          </div>
          <BudgetBar slo={slo} />
          <Box mt={1}>
            <TierPolicy slo={slo} />
          </Box>
        </>
      ) : (
        <Box mt={1}>
          <Typography variant="body2" gutterBottom>
            Objective {formatTarget(slo.target)}
          </Typography>
          <SloStateNotice slo={slo} />
        </Box>
      )}
      {slo.evaluatedAt && (current || slo.state === 'no-data') && (
        <Box mt={0.5}>
          <Typography
            variant="caption"
            color="textSecondary"
            title={exactTime(slo.evaluatedAt)}
          >
            Data as of {relativeTime(slo.evaluatedAt)}
          </Typography>
        </Box>
      )}
    </section>
  );
}
