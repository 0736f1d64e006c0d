import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RunbookDetail } from '@reliability-hub/plugin-reliability-common';
import { ReactNode } from 'react';
import { SeverityChip } from '../../incidents/SeverityChip';
import { drillValidationText, formatDay } from '../format';
import { StaleBadge } from '../StaleBadge';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
}));

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2">
        {props.label}
      </Typography>
      <Typography component="dd" variant="body2">
        {props.children}
      </Typography>
    </>
  );
}

function isWebUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/**
 * What a runbook is for and whether it can be trusted: title, entity, owner,
 * severity, alerts, tags, review dates with the stale badge, and the file it
 * was read from.
 *
 * @internal
 */
export function RunbookHeader(props: { runbook: RunbookDetail }) {
  const { runbook } = props;
  const classes = useStyles();
  return (
    <InfoCard
      title={runbook.title}
      subheader={
        <Box display="flex" alignItems="center" gridGap={8} mt={0.5}>
          {runbook.severity && <SeverityChip severity={runbook.severity} />}
          <Typography variant="body2" color="textSecondary">
            {runbook.kind === 'link' ? 'Linked runbook' : 'Structured runbook'}
          </Typography>
          <StaleBadge runbook={runbook} />
        </Box>
      }
    >
      <dl className={classes.facts}>
        <Fact label="Entity">
          <EntityRefLink entityRef={runbook.entityRef} />
        </Fact>
        <Fact label="Owner">
          {runbook.owner ? <EntityRefLink entityRef={runbook.owner} /> : '–'}
        </Fact>
        <Fact label="Alerts">
          {runbook.alerts.length
            ? runbook.alerts.map((alert, i) => (
                <span key={alert}>
                  {i > 0 && ', '}
                  <code>{alert}</code>
                </span>
              ))
            : 'none'}
        </Fact>
        {runbook.tags.length > 0 && (
          <Fact label="Tags">
            <Box display="flex" flexWrap="wrap" gridGap={4}>
              {runbook.tags.map(tag => (
                <Chip
                  key={tag}
                  size="small"
                  label={tag}
                  style={{ margin: 0 }}
                />
              ))}
            </Box>
          </Fact>
        )}
        {runbook.kind === 'structured' && (
          <>
            <Fact label="Last reviewed">
              {runbook.lastReviewed ? formatDay(runbook.lastReviewed) : 'never'}
            </Fact>
            <Fact label="Review due">
              {runbook.reviewDue ? formatDay(runbook.reviewDue) : 'now'}
              {runbook.reviewIntervalDays
                ? ` (every ${runbook.reviewIntervalDays} days)`
                : ''}
            </Fact>
          </>
        )}
        <Fact label="Drill validation">{drillValidationText(runbook)}</Fact>
        <Fact label="Source">
          {isWebUrl(runbook.sourceLocation) ? (
            <Link to={runbook.sourceLocation}>{runbook.sourceLocation}</Link>
          ) : (
            <code>{runbook.sourceLocation}</code>
          )}
        </Fact>
      </dl>
    </InfoCard>
  );
}
