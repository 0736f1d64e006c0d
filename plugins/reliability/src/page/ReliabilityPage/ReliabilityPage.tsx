import {
  ContentHeader,
  Header,
  Page,
  SupportButton,
  TabbedLayout,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import { OpenActionItemsTable } from '../../actionItems/OpenActionItemsTable';
import { OverdueActionItemsByOwner } from '../../actionItems/OverdueActionItemsByOwner';
import { IncidentsTable } from '../../incidents/IncidentsTable';
import { OnCallOverview } from '../../oncall/OnCallOverview';
import { SloOverview } from '../../slo/SloOverview';
import { RunbooksContent } from '../../runbooks/RunbooksContent';
import { ReviewContent } from '../../review/ReviewContent';

/**
 * The organisation's reliability page: what is on fire now and what burned
 * before across every component (`/reliability`), and the follow-ups still
 * owed, overdue ones grouped by owner (`/reliability/action-items`), and who
 * is on call across every schedule (`/reliability/oncall`).
 *
 * @public
 */
export function ReliabilityPage() {
  const orgName =
    useApi(configApiRef).getOptionalString('organization.name') ?? 'Backstage';
  return (
    <Page themeId="tool">
      <Header
        title="Reliability"
        subtitle={`SLOs, incidents, on-call and runbooks across ${orgName}`}
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Incidents">
          <>
            <ContentHeader title="Incidents">
              <SupportButton>
                Incidents of every component: declared in the portal, sent
                through the API, or opened by Alertmanager.
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
                  showFilters
                  filter={{}}
                  emptyMessage="No incidents recorded yet."
                />
              </Grid>
            </Grid>
          </>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/slos" title="SLOs">
          <>
            <ContentHeader title="Service level objectives">
              <SupportButton>
                Every SLO of every component, least error budget left first,
                with its burn-rate alert and error-budget policy tier.
              </SupportButton>
            </ContentHeader>
            <SloOverview />
          </>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/action-items" title="Action items">
          <>
            <ContentHeader title="Overdue action items by owner">
              <SupportButton>
                Follow-ups from postmortems that are not done and past their due
                date, grouped by the user or team that owns them.
              </SupportButton>
            </ContentHeader>
            <OverdueActionItemsByOwner />
            <Grid container spacing={3} style={{ marginTop: 16 }}>
              <Grid item xs={12}>
                <OpenActionItemsTable />
              </Grid>
            </Grid>
          </>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/oncall" title="On-call">
          <>
            <ContentHeader title="On-call">
              <SupportButton>
                Every on-call schedule: who is on call now and next, the next
                two weeks with layers, overrides and gaps, and your own shifts.
                Members of a schedule's owner group can add overrides.
              </SupportButton>
            </ContentHeader>
            <OnCallOverview />
          </>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/review" title="Review">
          <>
            <ContentHeader title="Reliability review">
              <SupportButton>
                The weekly, monthly or quarterly review of the organisation or
                one team: SLOs met, error budget, incidents, response times,
                postmortems, action items and on-call load, each beside the
                previous period. Export it as Markdown for the meeting notes.
              </SupportButton>
            </ContentHeader>
            <ReviewContent />
          </>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/runbooks" title="Runbooks">
          <RunbooksContent />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
