import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import {
  DEFAULT_ERROR_BUDGET_POLICY,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../../api';
import { BudgetBurndownChart } from '../BudgetBurndownChart';
import { BurnRateChart } from '../BurnRateChart';
import { BurnRateWindowsTable } from '../BurnRateWindowsTable';
import { alertRulesOf } from '../format';
import { SloDefinition } from '../SloDefinition';
import { PrometheusRules } from '../PrometheusRules';
import { SloHeadline } from '../SloHeadline';

/**
 * Everything about one SLO objective: the big figures (from the entity
 * summary), the budget burndown and burn-rate charts over the SLO window
 * (from one history request), the burn rate per window, and the definition.
 *
 * @internal
 */
export function SloDetails(props: { slo: SloStatus }) {
  const { slo } = props;
  const api = useApi(reliabilityApiRef);
  const history = useAsyncRetry(() => api.getSloHistory(slo.id), [api, slo.id]);
  const rules = useMemo(() => alertRulesOf(slo), [slo]);

  let charts;
  if (history.loading) {
    charts = (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  } else if (history.error) {
    charts = (
      <Grid item xs={12}>
        <ResponseErrorPanel
          error={history.error}
          title="Could not load the SLO history"
        />
      </Grid>
    );
  } else if (history.value) {
    charts = (
      <>
        <Grid item xs={12}>
          <InfoCard
            title="Error budget burndown"
            subheader="Budget left over the SLO window, by policy tier"
          >
            <BudgetBurndownChart
              history={history.value}
              tiers={history.value.tiers ?? DEFAULT_ERROR_BUDGET_POLICY}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Burn rate"
            subheader="1h and 6h, against the alert factors"
          >
            <BurnRateChart history={history.value} rules={rules} />
          </InfoCard>
        </Grid>
      </>
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title={slo.displayName} subheader={slo.description}>
          <SloHeadline slo={slo} />
        </InfoCard>
      </Grid>
      {charts}
      <Grid item xs={12} lg={6}>
        <InfoCard title="Burn rate by window" noPadding>
          <BurnRateWindowsTable slo={slo} rules={rules} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Definition">
          <SloDefinition
            slo={slo}
            yaml={history.value?.definitionYaml ?? null}
          />
        </InfoCard>
      </Grid>
      {slo.sourceType.trim().toLocaleLowerCase('en-US') === 'prometheus' && (
        <Grid item xs={12}>
          <InfoCard title="Prometheus rules">
            <PrometheusRules slo={slo} />
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
