import { ConfigReader } from '@backstage/core-app-api';
import { configApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { reliabilityApiRef } from '../../api';
import { ReliabilityPage } from './ReliabilityPage';
import { makeActionItem, mockReliabilityApi } from '../../__testUtils__';

describe('<ReliabilityPage />', () => {
  // The page loads every tab's components; on a busy machine that takes a while.
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();
  const { listIncidents, listActionItems } = api;

  beforeEach(() => {
    jest.resetAllMocks();
    listIncidents.mockResolvedValue({ items: [] });
    listActionItems.mockResolvedValue({ items: [] });
    api.getSeverityLevels.mockResolvedValue([]);
  });

  function renderPage(config: object, routeEntries = ['/']) {
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [reliabilityApiRef, api],
          [configApiRef, new ConfigReader(config)],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <ReliabilityPage />
      </TestApiProvider>,
      {
        routeEntries,
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
  }

  it('shows the heading with the organisation name and both incident tables', async () => {
    await renderPage({ organization: { name: 'Acme Shop' } });

    expect(
      screen.getByRole('heading', { level: 1, name: 'Reliability' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'SLOs, incidents, on-call and runbooks across Acme Shop',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Incidents' })).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Action items' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'On-call' })).toBeInTheDocument();
    // On-call loads only on its tab.
    expect(api.getOnCall).not.toHaveBeenCalled();
    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(screen.getByText('All incidents')).toBeInTheDocument();
    expect(
      await screen.findByText('No open incidents. All quiet.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No incidents recorded yet.')).toBeInTheDocument();
    // Action items load only on their tab.
    expect(listActionItems).not.toHaveBeenCalled();
  });

  it('falls back to "Backstage" without an organisation name', async () => {
    await renderPage({});

    expect(
      screen.getByText(
        'SLOs, incidents, on-call and runbooks across Backstage',
      ),
    ).toBeInTheDocument();
  });

  it('lists open incidents and all incidents across components, once each', async () => {
    await renderPage({ organization: { name: 'Acme Shop' } });

    await waitFor(() => expect(listIncidents).toHaveBeenCalledTimes(2));
    expect(listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'open', entityRef: undefined }),
    );
    expect(listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({ status: undefined, entityRef: undefined }),
    );
    expect(
      await screen.findAllByRole('columnheader', { name: 'Component' }),
    ).toHaveLength(2);
  });

  it('groups overdue action items by owner, owners with most first', async () => {
    listActionItems.mockImplementation(async request =>
      request.overdue
        ? {
            items: [
              makeActionItem({
                id: 'a',
                title: 'Add alert',
                owner: 'user:default/jane',
                overdue: true,
              }),
              makeActionItem({
                id: 'b',
                title: 'Raise pool size',
                owner: 'group:default/team-checkout',
                overdue: true,
              }),
              makeActionItem({
                id: 'c',
                title: 'Write runbook',
                owner: 'group:default/team-checkout',
                overdue: true,
              }),
            ],
          }
        : { items: [makeActionItem({ id: 'd', title: 'Load test' })] },
    );
    await renderPage({}, ['/action-items']);

    expect(
      await screen.findByText('3 overdue action items across 2 owners'),
    ).toBeInTheDocument();
    const counts = screen.getAllByText(/^\d+ overdue$/).map(e => e.textContent);
    expect(counts).toEqual(['2 overdue', '1 overdue']);
    const teamCard = screen
      .getByText('2 overdue')
      .closest('[class*="MuiCard-root"]') as HTMLElement;
    expect(within(teamCard).getByText('team-checkout')).toBeInTheDocument();
    expect(within(teamCard).getByText('Raise pool size')).toBeInTheDocument();
    expect(within(teamCard).getByText('Write runbook')).toBeInTheDocument();
    expect(
      within(teamCard).getAllByText('postmortem')[0].closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/postmortems/pm-0',
    );
    // And the open ones, in a table of their own.
    expect(await screen.findByText('Load test')).toBeInTheDocument();
    expect(listActionItems).toHaveBeenCalledWith(
      expect.objectContaining({ overdue: true }),
    );
    expect(listActionItems).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'open' }),
    );
  });

  it('says so when nothing is overdue', async () => {
    await renderPage({}, ['/action-items']);

    expect(
      await screen.findByText(/No overdue action items/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No open action items.'),
    ).toBeInTheDocument();
  });
});
