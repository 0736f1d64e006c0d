import { stringifyEntityRef } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { Route, Routes, useParams } from 'react-router-dom';
import { PostmortemPage } from '../../postmortems/PostmortemPage';
import { PostmortemsTable } from '../../postmortems/PostmortemsTable';
import { DeclareIncidentButton } from '../DeclareIncidentButton';
import { IncidentPage } from '../IncidentPage';
import { IncidentsTable } from '../IncidentsTable';

function IncidentsOverview(props: { entityRef: string }) {
  const { entityRef } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box display="flex" justifyContent="flex-end">
          <DeclareIncidentButton entityRef={entityRef} />
        </Box>
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
          showFilters
          emptyMessage="No incidents recorded for this component."
        />
      </Grid>
      <Grid item xs={12}>
        <PostmortemsTable entityRef={entityRef} />
      </Grid>
    </Grid>
  );
}

function IncidentRoute() {
  const { incidentId = '' } = useParams();
  return <IncidentPage incidentId={incidentId} />;
}

function PostmortemRoute() {
  const { postmortemId = '' } = useParams();
  return <PostmortemPage postmortemId={postmortemId} />;
}

/**
 * The entity's Incidents tab: open incidents, the history (filtered by the
 * backend), and postmortems; below it, at `./:incidentId`, each incident's
 * page and, at `./postmortems/:postmortemId`, each postmortem's page.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <Content noPadding>
      <Routes>
        <Route path="/" element={<IncidentsOverview entityRef={entityRef} />} />
        <Route
          path="/postmortems/:postmortemId"
          element={<PostmortemRoute />}
        />
        <Route path="/:incidentId" element={<IncidentRoute />} />
      </Routes>
    </Content>
  );
}
