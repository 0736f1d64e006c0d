import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import { IncidentsTable } from '../../incidents/IncidentsTable';

/**
 * The organisation's reliability page: what is on fire now, and what burned
 * before, across every component.
 *
 * @public
 */
export function ReliabilityPage() {
  const orgName =
    useApi(configApiRef).getOptionalString('organization.name') ?? 'Backstage';
  return (
    <Page themeId="tool">
      <Header title="Reliability" subtitle={`Incidents across ${orgName}`} />
      <Content>
        <ContentHeader title="Incidents">
          <SupportButton>
            Incidents of every component: declared in the portal, sent through
            the API, or opened by Alertmanager.
          </SupportButton>
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <IncidentsTable
              title="Open now"
              showEntity
              filter={{ status: 'open' }}
              emptyMessage="No open incidents. All quiet."
            />
          </Grid>
          <Grid item xs={12}>
            <IncidentsTable
              title="All incidents"
              showEntity
              filter={{}}
              emptyMessage="No incidents recorded yet."
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
