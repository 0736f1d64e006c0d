import {
  ContentHeader,
  Link,
  Progress,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { ListTable } from '../../shared/ListTable';
import { useReliabilityLinks } from '../../shared/links';
import { BudgetBar } from '../../slo/BudgetBar';
import { useSloLink } from '../../slo/links';
import { SummaryError } from '../../summary/SummaryError';
import { useEntityReliabilitySummary } from '../../summary/useEntityReliabilitySummary';
import { ReviewContent } from '../../review/ReviewContent';
import { worstSlos } from '../worstSlos';

interface ComponentRow {
  entityRef: string;
  openIncidents: number;
  sloCount: number;
  worst?: SloStatus;
}

/**
 * The Reliability tab of a group or system: each component with its open
 * incidents and the SLO that has least budget left, then the review of the components together
 * over a week, month or quarter.
 *
 * @internal
 */
export function EntityReliabilityRollupContent() {
  const { entity } = useEntity();
  const summary = useEntityReliabilitySummary();
  const sloLink = useSloLink();
  const links = useReliabilityLinks();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const slos = summary.value?.slos?.slos ?? [];
  const openByEntity = summary.value?.incidents.openByEntity ?? {};
  const rows: ComponentRow[] = (summary.value?.components ?? []).map(ref => {
    const own = slos.filter(slo => slo.entityRef === ref);
    return {
      entityRef: ref,
      openIncidents: openByEntity[ref] ?? 0,
      sloCount: own.length,
      worst: worstSlos(own, 1)[0],
    };
  });
  const columns: TableColumn<ComponentRow>[] = [
    {
      title: 'Component',
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    {
      title: 'Open incidents',
      width: '130px',
      render: row =>
        row.openIncidents ? (
          <Link to={links.incidentsTab(row.entityRef)}>
            <Typography variant="body2" color="error" component="span">
              <strong>{row.openIncidents}</strong> open
            </Typography>
          </Link>
        ) : (
          <Typography variant="body2" color="textSecondary" component="span">
            None
          </Typography>
        ),
    },
    { title: 'SLOs', field: 'sloCount', width: '80px' },
    {
      title: 'Least budget left',
      render: row =>
        row.worst ? (
          <Box minWidth={220}>
            <Link to={sloLink(row.entityRef, row.worst.id)}>
              {row.worst.displayName}
            </Link>
            <BudgetBar slo={row.worst} label="percent" />
          </Box>
        ) : (
          '–'
        ),
    },
  ];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {summary.loading && !summary.value && <Progress />}
        {summary.error && (
          <SummaryError
            error={summary.error}
            title="Could not load the components"
          />
        )}
        {summary.value && (
          <ListTable<ComponentRow>
            title="Components"
            columns={columns}
            data={rows}
            emptyMessage="No components you can see belong here."
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <ContentHeader title="Reliability review" />
        <ReviewContent
          entityRef={entityRef}
          scopeName={entity.metadata.title ?? entity.metadata.name}
        />
      </Grid>
    </Grid>
  );
}
