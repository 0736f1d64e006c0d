import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import { SummaryError } from '../../summary/SummaryError';
import { useEntityReliabilitySummary } from '../../summary/useEntityReliabilitySummary';
import { useSloLink } from '../links';
import { NoSlos } from '../NoSlos';
import { SloCardItem } from '../SloCardItem';
import { DeployVerdict } from '../DeployVerdict';
import { SloProblems } from '../SloProblems';

/**
 * The entity's SLOs at a glance, led by whether it may deploy now and why
 * (the deploy gate's verdicts): per objective the SLI against the target,
 * the error budget left as a bar coloured by policy tier, the 1h burn rate
 * with the alert state, the tier's action, the exhaustion forecast and how
 * fresh the data is; problems in the OpenSLO file are listed so the owner
 * can see why an SLO is missing.
 *
 * @remarks
 * The SLOs come with the entity summary, the one call the entity page makes
 * for all Reliability Hub cards.
 *
 * @public
 */
export function EntitySloCard() {
  const { entity } = useEntity();
  const sloLink = useSloLink();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useEntityReliabilitySummary();
  const slos = value?.slos;

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <SummaryError error={error} title="Could not load SLOs" />;
  } else if (value && !slos) {
    body = <NoSlos reason="not-available" />;
  } else if (slos && !slos.configured) {
    body = <NoSlos reason="not-configured" />;
  } else if (slos) {
    body = (
      <>
        {value?.deployGate && (
          <Box mb={2}>
            <DeployVerdict verdicts={value.deployGate} />
          </Box>
        )}
        <SloProblems problems={slos.problems} />
        {slos.slos.length === 0 && slos.problems.length === 0 && (
          <NoSlos reason="empty" />
        )}
        {slos.slos.length === 0 && slos.problems.length > 0 && (
          <Box mt={2}>
            <Typography variant="body2" color="textSecondary">
              No SLO could be read. Fix the problems above and the SLOs appear
              with the next refresh.
            </Typography>
          </Box>
        )}
        {slos.slos.map((slo, index) => (
          <Fragment key={slo.id}>
            {(index > 0 || slos.problems.length > 0) && (
              <Box my={2}>
                <Divider />
              </Box>
            )}
            <SloCardItem slo={slo} link={sloLink(entityRef, slo.id)} />
          </Fragment>
        ))}
      </>
    );
  }

  return (
    <InfoCard
      title="SLOs"
      subheader="Error budgets and burn rates"
      deepLink={
        slos?.configured
          ? { title: 'Charts and definitions', link: sloLink(entityRef) }
          : undefined
      }
    >
      {body}
    </InfoCard>
  );
}
