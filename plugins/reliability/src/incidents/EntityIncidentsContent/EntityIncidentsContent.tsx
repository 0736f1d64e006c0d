import { Content } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { IncidentsTable } from '../IncidentsTable';

/**
 * The entity's incidents tab: open incidents, then the full history.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <Content noPadding>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <IncidentsTable
            title="Open incidents"
            filter={{ entityRef, status: 'open' }}
            emptyMessage="Nothing open: no incident of this component needs attention."
          />
        </Grid>
        <Grid item xs={12}>
          <IncidentsTable
            title="Incident history"
            filter={{ entityRef }}
            emptyMessage="No incidents recorded for this component."
          />
        </Grid>
      </Grid>
    </Content>
  );
}
