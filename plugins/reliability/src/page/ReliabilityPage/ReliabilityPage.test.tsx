import { ConfigReader } from '@backstage/core-app-api';
import { configApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { reliabilityApiRef } from '../../api';
import { ReliabilityPage } from './ReliabilityPage';
import { mockReliabilityApi } from '../../testing/fixtures';

describe('<ReliabilityPage />', () => {
  const api = mockReliabilityApi();
  const { listIncidents } = api;

  beforeEach(() => {
    jest.resetAllMocks();
    listIncidents.mockResolvedValue({ items: [] });
  });

  function renderPage(config: object) {
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [reliabilityApiRef, api],
          [configApiRef, new ConfigReader(config)],
        ]}
      >
        <ReliabilityPage />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
  }

  it('shows the heading with the organisation name and both tables', async () => {
    await renderPage({ organization: { name: 'Acme Shop' } });

    expect(
      screen.getByRole('heading', { level: 1, name: 'Reliability' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Incidents across Acme Shop')).toBeInTheDocument();
    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(screen.getByText('All incidents')).toBeInTheDocument();
    expect(
      await screen.findByText('No open incidents. All quiet.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No incidents recorded yet.')).toBeInTheDocument();
  });

  it('falls back to "Backstage" without an organisation name', async () => {
    await renderPage({});

    expect(screen.getByText('Incidents across Backstage')).toBeInTheDocument();
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
    // Both tables span components, so both show the component column.
    expect(
      await screen.findAllByRole('columnheader', { name: 'Component' }),
    ).toHaveLength(2);
  });
});
