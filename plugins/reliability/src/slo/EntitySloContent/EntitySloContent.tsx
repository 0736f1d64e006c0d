import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useSearchParams } from 'react-router-dom';
import { relativeTime } from '../../shared/time';
import { SummaryError } from '../../summary/SummaryError';
import { useEntityReliabilitySummary } from '../../summary/useEntityReliabilitySummary';
import { SLO_PARAM } from '../links';
import { NoSlos } from '../NoSlos';
import { RereadFilesButton } from '../../shared/RereadFilesButton';
import { SloDetails } from '../SloDetails';
import { SloProblems } from '../SloProblems';
import { SloSelector } from '../SloSelector';
import { DeployVerdict } from '../DeployVerdict';

/**
 * The SLOs tab of an entity: whether it may deploy now and why, its SLOs to
 * choose from and, for the selected one, the big figures, the error-budget burndown and burn-rate charts over
 * the SLO window, the burn rate per window and the OpenSLO definition.
 * Mount it at `slos` (where the SLO card links to); `?slo=<id>` selects one.
 *
 * @public
 */
export function EntitySloContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useEntityReliabilitySummary();
  const [params, setParams] = useSearchParams();
  const slos = value?.slos;

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <SummaryError error={error} title="Could not load SLOs" />;
  }
  if (!slos) {
    return <NoSlos reason="not-available" />;
  }
  if (!slos.configured) {
    return <NoSlos reason="not-configured" />;
  }

  const wanted = params.get(SLO_PARAM);
  const selected = slos.slos.find(s => s.id === wanted) ?? slos.slos[0];
  const select = (id: string) => {
    const next = new URLSearchParams(params);
    next.set(SLO_PARAM, id);
    setParams(next, { replace: true });
  };

  return (
    <Grid container spacing={3}>
      {value?.deployGate && (
        <Grid item xs={12}>
          <DeployVerdict verdicts={value.deployGate} />
        </Grid>
      )}
      {slos.problems.length > 0 && (
        <Grid item xs={12}>
          <SloProblems problems={slos.problems} />
        </Grid>
      )}
      <Grid item xs={12} md={3}>
        <InfoCard title="SLOs" noPadding>
          {slos.slos.length > 0 ? (
            <SloSelector
              slos={slos.slos}
              selectedId={selected?.id}
              onSelect={select}
            />
          ) : (
            <Box p={2}>
              <Typography variant="body2" color="textSecondary">
                No SLO could be read.
              </Typography>
            </Box>
          )}
          <Box p={2} pt={1}>
            {slos.definitionsReadAt && (
              <Typography variant="caption" color="textSecondary" component="p">
                Definitions read {relativeTime(slos.definitionsReadAt)}
              </Typography>
            )}
            <RereadFilesButton
              entityRef={entityRef}
              files="slos"
              onDone={retry}
            />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={9}>
        {selected ? (
          <SloDetails key={selected.id} slo={selected} />
        ) : (
          <NoSlos reason="empty" />
        )}
      </Grid>
    </Grid>
  );
}
